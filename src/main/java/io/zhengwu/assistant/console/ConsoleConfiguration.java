package io.zhengwu.assistant.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Wires the console: accounts in Redis, limited logins, the accounts created at start-up. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt for new passwords; the {id} prefix lets stronger encoders be added later
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ConsoleAccounts consoleAccounts(ReactiveStringRedisTemplate redis, PasswordEncoder passwordEncoder) {
		return new ConsoleAccounts(redis, passwordEncoder);
	}

	@Bean
	LimitedLogins limitedLogins(ConsoleAccounts accounts, PasswordEncoder passwordEncoder,
			ConsoleProperties properties) {
		return new LimitedLogins(accounts, passwordEncoder, properties);
	}

	@Bean
	AccountsAtStartup accountsAtStartup(ConsoleAccounts accounts, ConsoleProperties properties, Environment environment) {
		// the demo login is on by default exactly when the simulator is (no AppSecret configured)
		boolean simulator = environment.getProperty("zhengwu.wechat.app-secret", "").isBlank();
		boolean demo = (properties.demoLogin() != null) ? properties.demoLogin() : simulator;
		return new AccountsAtStartup(accounts, properties, demo, environment);
	}

}
