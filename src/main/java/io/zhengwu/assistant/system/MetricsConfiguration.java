package io.zhengwu.assistant.system;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service's metrics ({@link Meters}) are published: the webhook latency as a histogram
 * with buckets at WeChat's limits, so a dashboard and an alert can say how many replies came
 * within the 4-second budget and the 5-second limit.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	/** The reply budget (answers later go out as customer-service messages). */
	static final Duration REPLY_BUDGET = Duration.ofSeconds(4);

	/** WeChat's limit: after 5 seconds it gives up on the reply and retries. */
	static final Duration WECHAT_LIMIT = Duration.ofSeconds(5);

	/**
	 * Registers every meter at start, at zero, so that Prometheus has a series before the first
	 * event: rates and alerts then say 0 instead of "no data". The events themselves are counted
	 * where they happen.
	 */
	@Bean
	MeterBinder zhengwuMeters() {
		return (registry) -> {
			for (String kind : new String[] { "message", "event" }) {
				Timer.builder(Meters.WEBHOOK_LATENCY).tag("kind", kind).register(registry);
			}
			for (String outcome : new String[] { "answer", "choose", "none", "smalltalk" }) {
				for (String lang : new String[] { "zh", "bo" }) {
					Counter.builder(Meters.ANSWERS).tag("outcome", outcome).tag("lang", lang).register(registry);
				}
			}
			Counter.builder(Meters.RETRIES_DEDUPLICATED).register(registry);
			Counter.builder(Meters.DELIVERY_TAKEOVERS).register(registry);
			Counter.builder(Meters.ASYNC_REPLIES).register(registry);
			Counter.builder(Meters.CS_SENDS).tag("result", "ok").tag("code", "0").register(registry);
			Counter.builder(Meters.TEMPLATE_SENDS).tag("result", "ok").tag("code", "0").register(registry);
			Timer.builder(Meters.ESCALATIONS_WAIT).register(registry);
			Counter.builder(Meters.OFFICER_REPLIES).register(registry);
			for (String rating : new String[] { "satisfied", "neutral", "unsatisfied" }) {
				Counter.builder(Meters.RATINGS).tag("rating", rating).register(registry);
			}
		};
	}

	@Bean
	MeterFilter webhookLatencyBuckets() {
		return new MeterFilter() {
			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				if (!Meters.WEBHOOK_LATENCY.equals(id.getName())) {
					return config;
				}
				return DistributionStatisticConfig.builder()
					.percentilesHistogram(true)
					.serviceLevelObjectives(Duration.ofSeconds(1).toNanos(), REPLY_BUDGET.toNanos(),
							WECHAT_LIMIT.toNanos())
					.build()
					.merge(config);
			}
		};
	}

}
