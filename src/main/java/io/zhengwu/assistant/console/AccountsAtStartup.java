package io.zhengwu.assistant.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Creates the accounts given in configuration and, in the embedded default, the demo accounts
 * {@code officer} and {@code admin} with fresh random passwords printed on the console (so a
 * person can play both sides: citizen on {@code /}, officer on {@code /console/}).
 */
class AccountsAtStartup implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(AccountsAtStartup.class);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final ConsoleAccounts accounts;

	private final ConsoleProperties properties;

	private final boolean demo;

	private final org.springframework.core.env.Environment environment;

	AccountsAtStartup(ConsoleAccounts accounts, ConsoleProperties properties, boolean demo,
			org.springframework.core.env.Environment environment) {
		this.accounts = accounts;
		this.properties = properties;
		this.demo = demo;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (ConsoleProperties.Account account : this.properties.accounts()) {
			this.accounts.saveEncoded(account.username(), account.passwordHash(), account.roles()).block(WAIT);
			log.info("Console account from configuration: " + account);
		}
		if (!this.properties.adminPassword().isBlank()) {
			this.accounts.save("admin", this.properties.adminPassword(), EnumSet.allOf(Role.class)).block(WAIT);
			log.info("Console account admin set from ZHENGWU_ADMIN_PASSWORD");
		}
		if (this.demo) {
			String officer = password();
			String admin = password();
			this.accounts.save("officer", officer, EnumSet.of(Role.OFFICER)).block(WAIT);
			boolean demoAdmin = this.properties.adminPassword().isBlank();
			if (demoAdmin) {
				this.accounts.save("admin", admin, EnumSet.allOf(Role.class)).block(WAIT);
			}
			// printed, not logged: a demo password must not end up in a log collector
			System.out.println("""

					Officers' console (demo login, embedded default only): http://localhost:%s/console/
					  officer / %s   (duty officer)
					  admin   / %s   (admin, editor and officer)
					""".formatted(this.environment.getProperty("local.server.port", "8080"), officer,
					demoAdmin ? admin : "(the password in ZHENGWU_ADMIN_PASSWORD)"));
		}
	}

	private static String password() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
