package io.zhengwu.assistant.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads secrets from files, the way Docker and Kubernetes secrets are mounted: when
 * {@code WECHAT_APP_SECRET_FILE=/run/secrets/wechat_app_secret} is set, the file's content (trimmed)
 * becomes {@code WECHAT_APP_SECRET}. A variable set directly wins over its file. Values are never
 * logged.
 */
public class SecretFiles implements EnvironmentPostProcessor, Ordered {

	/** The settings that may come from a file. */
	static final List<String> SECRETS = List.of("WECHAT_APP_SECRET", "WECHAT_TOKEN", "WECHAT_AES_KEY",
			"WECHAT_AES_KEY_PREVIOUS", "REDIS_URL", "ZHENGWU_ADMIN_PASSWORD");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> fromFiles = new LinkedHashMap<>();
		for (String name : SECRETS) {
			String file = environment.getProperty(name + "_FILE");
			if (StringUtils.hasText(file) && !StringUtils.hasText(environment.getProperty(name))) {
				fromFiles.put(name, read(name, Path.of(file.trim())));
			}
		}
		if (!fromFiles.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("secretFiles", fromFiles));
		}
	}

	private static String read(String name, Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + name + "_FILE " + file + " (" + ex.getClass().getSimpleName()
					+ ")", ex);
		}
	}

	/** Before {@link EmbeddedRedis}, which may need {@code REDIS_URL} from a file. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
