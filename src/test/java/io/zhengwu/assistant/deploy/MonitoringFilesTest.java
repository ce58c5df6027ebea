package io.zhengwu.assistant.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alert rules are built on exactly the metric names the
 * app publishes (see {@code system.Meters}), and every alert has its entry in the runbook.
 */
class MonitoringFilesTest {

	/** The app's metrics as Prometheus names them (a timer has _bucket, _count, _sum and _max series). */
	static final Map<String, Set<String>> PUBLISHED = Map.ofEntries(
			Map.entry("zw_webhook_latency_seconds", Set.of("_bucket", "_count", "_sum", "_max")),
			Map.entry("zw_answers_total", Set.of("")),
			Map.entry("zw_webhook_retries_deduplicated_total", Set.of("")),
			Map.entry("zw_webhook_async_replies_total", Set.of("")),
			Map.entry("zw_webhook_takeovers_total", Set.of("")),
			Map.entry("zw_webhook_retries_waiting", Set.of("")),
			Map.entry("zw_template_sends_total", Set.of("")),
			Map.entry("zw_cs_sends_total", Set.of("")),
			Map.entry("zw_escalations_waiting", Set.of("")),
			Map.entry("zw_escalations_wait_seconds", Set.of("_count", "_sum", "_max")),
			Map.entry("zw_officer_replies_total", Set.of("")),
			Map.entry("zw_ratings_total", Set.of("")));

	private static final Pattern METRIC = Pattern.compile("\\bzw_[a-z_]+");

	private static final Path DEPLOY = Path.of("deploy");

	@Test
	void theDashboardShowsEveryMetricAndOnlyMetricsTheAppPublishes() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(DEPLOY.resolve("grafana/zhengwu-dashboard.json").toFile());
		StringBuilder expressions = new StringBuilder();
		for (JsonNode panel : dashboard.get("panels")) {
			if (panel.has("targets")) {
				panel.get("targets").forEach((target) -> expressions.append(target.get("expr").stringValue()).append('\n'));
			}
		}
		Set<String> used = metrics(expressions.toString());
		assertThat(used).allSatisfy((name) -> assertThat(isPublished(name)).as(name + " is published by the app").isTrue());
		assertThat(used.stream().map(MonitoringFilesTest::base).toList()).containsAll(PUBLISHED.keySet());
		assertThat(expressions).contains("zw_webhook_latency_seconds_bucket{le=\"5.0\"}");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyAlertUsesPublishedMetricsAndHasARunbookEntry() throws IOException {
		Map<String, Object> rules;
		try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("prometheus/alerts.yaml"))) {
			rules = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		List<Map<String, Object>> alerts = (List<Map<String, Object>>) ((List<Map<String, Object>>) rules.get("groups"))
			.get(0)
			.get("rules");
		String runbook = Files.readString(DEPLOY.resolve("README.md"));
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
		for (Map<String, Object> alert : alerts) {
			String name = (String) alert.get("alert");
			assertThat(metrics((String) alert.get("expr"))).allSatisfy((metric) -> assertThat(isPublished(metric))
				.as(name + " uses " + metric + ", which the app publishes")
				.isTrue());
			Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
			assertThat(annotations.get("runbook")).isEqualTo("deploy/README.md#" + name.toLowerCase());
			assertThat(runbook).as("deploy/README.md explains " + name).contains("### " + name + "\n");
		}
		assertThat(alerts.stream().map((alert) -> alert.get("alert")).toList()).contains("ZhengwuInstanceDown",
				"ZhengwuWebhookP99NearBudget", "ZhengwuCustomerServiceErrors", "ZhengwuEscalationsWaitingLong");
	}

	private static Set<String> metrics(String expressions) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = METRIC.matcher(expressions);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	private static boolean isPublished(String name) {
		return PUBLISHED.entrySet()
			.stream()
			.anyMatch((entry) -> entry.getValue().stream().anyMatch((suffix) -> name.equals(entry.getKey() + suffix)));
	}

	private static String base(String name) {
		return PUBLISHED.keySet().stream().filter(name::startsWith).findFirst().orElse(name);
	}

}
