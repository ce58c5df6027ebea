package io.zhengwu.assistant.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's files under deploy/ parse, and hold what the runbook promises: two app replicas,
 * Redis with AOF and a password, nginx in front; probes, graceful rolling updates, autoscaling and
 * a disruption budget on Kubernetes.
 */
class DeployFilesTest {

	private static final Path DEPLOY = Path.of("deploy");

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsTwoAppReplicasBehindNginxWithPasswordedPersistentRedis() throws IOException {
		Map<String, Object> compose = (Map<String, Object>) load(DEPLOY.resolve("compose.yaml")).get(0);
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys("app", "redis", "nginx");
		Map<String, Object> app = (Map<String, Object>) services.get("app");
		assertThat(((Map<String, Object>) app.get("deploy")).get("replicas")).isEqualTo(2);
		assertThat((Map<String, Object>) app.get("environment")).containsKeys("REDIS_URL", "WECHAT_APP_ID",
				"WECHAT_APP_SECRET_FILE", "WECHAT_TOKEN_FILE", "WECHAT_AES_KEY_FILE");
		String redisCommand = String.join(" ", (List<String>) ((Map<String, Object>) services.get("redis")).get("command"));
		assertThat(redisCommand).contains("--appendonly yes").contains("--requirepass");
		assertThat((List<String>) ((Map<String, Object>) services.get("nginx")).get("ports")).contains("443:443");
	}

	@Test
	void nginxExposesOnlyTheWebhookGuidesAndConsoleWithASizeLimit() throws IOException {
		String nginx = Files.readString(DEPLOY.resolve("nginx/nginx.conf"));
		assertThat(nginx).contains("location = /wechat/callback", "location /guides/", "location /console/",
				"client_max_body_size 64k", "X-Forwarded-For", "ssl_certificate ");
		assertThat(nginx).containsPattern("location / \\{\\s*return 404;");
	}

	@Test
	@SuppressWarnings("unchecked")
	void kubernetesManifestsHoldEveryRequiredKind() throws IOException {
		Map<String, Map<String, Object>> byKind = new java.util.HashMap<>();
		try (var files = Files.list(DEPLOY.resolve("k8s"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).toList()) {
				for (Object document : load(file)) {
					Map<String, Object> manifest = (Map<String, Object>) document;
					if (manifest.containsKey("kind") && manifest.containsKey("metadata")) {
						byKind.put(manifest.get("kind") + "/" + name(manifest), manifest);
					}
				}
			}
		}
		assertThat(byKind.keySet().stream().map((k) -> k.substring(0, k.indexOf('/'))).collect(Collectors.toSet()))
			.contains("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget",
					"ConfigMap", "Secret");
		Map<String, Object> spec = (Map<String, Object>) byKind.get("Deployment/zhengwu-assistant").get("spec");
		Map<String, Object> rolling = (Map<String, Object>) ((Map<String, Object>) spec.get("strategy"))
			.get("rollingUpdate");
		assertThat(rolling.get("maxUnavailable")).isEqualTo(0);
		Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
		Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
		assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
		assertThat(container).containsKeys("resources", "lifecycle");
		assertThat((Map<String, Object>) container.get("resources")).containsKeys("requests", "limits");
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(20);
	}

	@Test
	void dockerfileBuildsWithMavenAndRunsAsNonRootOnAJre17WithAHealthCheck() throws IOException {
		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		assertThat(dockerfile).contains("AS build", "FROM eclipse-temurin:17-jre", "USER zhengwu", "HEALTHCHECK",
				"MaxRAMPercentage", "/app/knowledge");
	}

	@SuppressWarnings("unchecked")
	private static Object path(Map<String, Object> map, String... keys) {
		Object current = map;
		for (String key : keys) {
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static String name(Map<String, Object> manifest) {
		return String.valueOf(((Map<String, Object>) manifest.get("metadata")).get("name"));
	}

	private static List<Object> load(Path file) throws IOException {
		List<Object> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader).forEach(documents::add);
		}
		assertThat(documents).as("%s parses as YAML", file).isNotEmpty();
		return documents;
	}

}
