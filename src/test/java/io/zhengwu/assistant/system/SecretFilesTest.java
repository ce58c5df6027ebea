package io.zhengwu.assistant.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretFilesTest {

	@TempDir
	Path dir;

	@Test
	void secretIsReadFromTheFileNamedByItsFileVariable() throws IOException {
		Path file = Files.writeString(this.dir.resolve("secret"), "  app-secret-value\n");
		StandardEnvironment environment = environment(Map.of("WECHAT_APP_SECRET_FILE", file.toString()));
		new SecretFiles().postProcessEnvironment(environment, null);
		assertThat(environment.getProperty("WECHAT_APP_SECRET")).isEqualTo("app-secret-value");
	}

	@Test
	void variableSetDirectlyWinsOverItsFile() throws IOException {
		Path file = Files.writeString(this.dir.resolve("token"), "from-file");
		StandardEnvironment environment = environment(
				Map.of("WECHAT_TOKEN_FILE", file.toString(), "WECHAT_TOKEN", "from-env"));
		new SecretFiles().postProcessEnvironment(environment, null);
		assertThat(environment.getProperty("WECHAT_TOKEN")).isEqualTo("from-env");
	}

	@Test
	void missingSecretFileStopsStartUpNamingTheVariableButNotAValue() {
		StandardEnvironment environment = environment(
				Map.of("WECHAT_AES_KEY_FILE", this.dir.resolve("absent").toString()));
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> new SecretFiles().postProcessEnvironment(environment, null))
			.withMessageContaining("WECHAT_AES_KEY_FILE");
	}

	private static StandardEnvironment environment(Map<String, Object> values) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", values));
		return environment;
	}

}
