package io.zhengwu.assistant.console;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wraps the app's password encoder (import {@link Wiring}) so a test can count the comparisons made against one stored
 * password (one account: its hash is salted, so it names the account) and hold them until it lets
 * them go: held comparisons keep their logins from finishing, as a slow bcrypt would, only for
 * as long as the test needs.
 */
class ComparedPasswords {

	private volatile String watched;

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private final AtomicInteger comparisons = new AtomicInteger();

	/** Counts (from now) and holds the comparisons against this stored (encoded) password. */
	void watchAndHold(String encodedPassword) {
		this.gate = new CountDownLatch(1);
		this.comparisons.set(0);
		this.watched = encodedPassword;
	}

	/** Lets the held comparisons (and all later ones) go on. */
	void release() {
		this.gate.countDown();
	}

	/** Comparisons against the watched password begun since {@link #watchAndHold}. */
	int comparisons() {
		return this.comparisons.get();
	}

	private PasswordEncoder wrap(PasswordEncoder encoder) {
		return new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				return encoder.encode(rawPassword);
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				if (encodedPassword != null && encodedPassword.equals(ComparedPasswords.this.watched)) {
					ComparedPasswords.this.comparisons.incrementAndGet();
					awaitGate();
				}
				return encoder.matches(rawPassword, encodedPassword);
			}

			@Override
			public boolean upgradeEncoding(String encodedPassword) {
				return encoder.upgradeEncoding(encodedPassword);
			}

		};
	}

	private void awaitGate() {
		try {
			// bounded so a failing test cannot hang the build; the test releases the gate itself
			if (!this.gate.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("comparison held for 60 s: the test never released it");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Puts the comparisons of a test's app through one {@link ComparedPasswords}. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Wiring {

		@Bean
		@org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE) // made early, for the wrapper
		static ComparedPasswords comparedPasswords() {
			return new ComparedPasswords();
		}

		@Bean
		static BeanPostProcessor comparedPasswordsWrapper(ComparedPasswords passwords) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof PasswordEncoder encoder) ? passwords.wrap(encoder) : bean;
				}
			};
		}

	}

}
