package io.zhengwu.assistant.console;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

import reactor.core.publisher.Mono;

/**
 * Checks a console login against the accounts, refusing an account that failed too often
 * recently (counted in Redis, so the limit holds across instances) before its password is even
 * compared.
 */
class LimitedLogins implements ReactiveAuthenticationManager {

	private static final Log log = LogFactory.getLog(LimitedLogins.class);

	private final ConsoleAccounts accounts;

	private final ConsoleProperties properties;

	private final UserDetailsRepositoryReactiveAuthenticationManager passwords;

	LimitedLogins(ConsoleAccounts accounts, PasswordEncoder encoder, ConsoleProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
		this.passwords = new UserDetailsRepositoryReactiveAuthenticationManager(accounts);
		this.passwords.setPasswordEncoder(encoder);
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String username = authentication.getName();
		return this.accounts.failures(username).flatMap((failures) -> {
			if (failures >= this.properties.maxFailedLogins()) {
				log.warn("Console login refused: account locked after " + failures + " failed logins");
				return Mono.error(new LockedException("too many failed logins; try again later"));
			}
			return this.passwords.authenticate(authentication)
				.flatMap((ok) -> this.accounts.succeeded(username).thenReturn(ok))
				.onErrorResume(BadCredentialsException.class, (ex) -> this.accounts
					.failed(username, this.properties.lockout())
					.then(Mono.error(ex)));
		});
	}

}
