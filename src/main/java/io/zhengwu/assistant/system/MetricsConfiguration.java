package io.zhengwu.assistant.system;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
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
