package io.zhengwu.assistant.console;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AccountStatusException;
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
 *
 * <p>Each attempt is counted <em>before</em> its (deliberately slow) comparison, in one step with
 * the check of the limit: logins sent all at once cannot all read a count below the limit, so an
 * account gets at most {@code maxFailedLogins} comparisons per lock-out however many arrive
 * together, across instances too. A correct password clears the count; a wrong one leaves its
 * attempt counted. An attempt whose login goes away (the browser or a stopping instance closed
 * the connection) before or during its comparison stays counted as a failure: acceptable, as it
 * errs on the safe side (at worst its owner has one attempt fewer until the lock-out ends), and
 * it is meant to stay so: one dropped during its comparison did have its password compared, and a
 * command to give it back, sent as the login goes away, could itself be lost.
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
		int limit = this.properties.maxFailedLogins();
		return this.accounts.reserve(username, limit, this.properties.lockout()).flatMap((attempt) -> {
			if (attempt == 0) {
				log.warn("Console login refused: account locked after " + limit + " failed logins");
				return Mono.error(new LockedException("too many failed logins; try again later"));
			}
			return this.passwords.authenticate(authentication)
				.flatMap((ok) -> this.accounts.succeeded(username).thenReturn(ok))
				// a disabled account is refused before its password is compared: no guess, no count
				.onErrorResume(AccountStatusException.class,
						(ex) -> this.accounts.released(username).then(Mono.error(ex)));
		});
	}

}
