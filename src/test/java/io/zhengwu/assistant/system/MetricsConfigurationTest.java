package io.zhengwu.assistant.system;

import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsConfigurationTest {

	@Test
	void webhookLatencyIsAHistogramWithBucketsAtTheBudgetAndWeChatsLimit() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		registry.config().meterFilter(new MetricsConfiguration().webhookLatencyBuckets());
		registry.timer(Meters.WEBHOOK_LATENCY, "kind", "message").record(Duration.ofMillis(4500));
		registry.timer("some.other.timer").record(Duration.ofMillis(10));

		String scrape = registry.scrape();
		assertThat(scrape).contains("zw_webhook_latency_seconds_bucket{kind=\"message\",le=\"1.0\"} 0",
				"zw_webhook_latency_seconds_bucket{kind=\"message\",le=\"4.0\"} 0",
				"zw_webhook_latency_seconds_bucket{kind=\"message\",le=\"5.0\"} 1");
		assertThat(scrape).doesNotContain("some_other_timer_seconds_bucket");
	}

	@Test
	void everyMetricHasASeriesAtZeroBeforeTheFirstEvent() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new MetricsConfiguration().zhengwuMeters().bindTo(registry);

		assertThat(registry.scrape()).contains("zw_webhook_latency_seconds_count{kind=\"event\"} 0",
				"zw_answers_total{lang=\"bo\",outcome=\"none\"} 0", "zw_webhook_retries_deduplicated_total 0", "zw_webhook_takeovers_total 0",
				"zw_webhook_async_replies_total 0", "zw_cs_sends_total{code=\"0\",result=\"ok\"} 0",
				"zw_template_sends_total{code=\"0\",result=\"ok\"} 0",
				"zw_escalations_wait_seconds_count 0", "zw_officer_replies_total 0",
				"zw_ratings_total{rating=\"unsatisfied\"} 0");
	}

}
