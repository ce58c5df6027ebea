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

}
