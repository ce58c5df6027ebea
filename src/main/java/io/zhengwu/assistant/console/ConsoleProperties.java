package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the officers' and editors' console.
 *
 * @param accounts accounts from configuration, created or updated at start-up (the admin page adds more)
 * @param demoLogin whether to create the demo accounts and print their passwords at start-up; unset:
 * only in the embedded default (simulator on)
 * @param maxFailedLogins failed logins of one account after which it is locked for {@code lockout}
 * @param lockout how long an account stays locked after too many failed logins
 * @param adminPassword when set, the account {@code admin} (all roles) is created or given this
 * password at start-up: the first login of a new installation (never logged, stored hashed)
 */
@Validated
@ConfigurationProperties("zhengwu.console")
record ConsoleProperties(@Valid @DefaultValue List<Account> accounts, Boolean demoLogin,
		@Min(1) @DefaultValue("5") int maxFailedLogins, @NotNull @DefaultValue("15m") Duration lockout,
		@DefaultValue("") String adminPassword) {

	@Override
	public String toString() {
		return "ConsoleProperties[accounts=" + this.accounts + ", demoLogin=" + this.demoLogin + ", maxFailedLogins="
				+ this.maxFailedLogins + ", lockout=" + this.lockout + ", adminPassword="
				+ (this.adminPassword.isEmpty() ? "(none)" : "(set)") + "]";
	}

	/**
	 * An account given in configuration.
	 * @param username the login name (the roster names officers by it)
	 * @param passwordHash the password, encoded with its id, e.g. {@code {bcrypt}$2a$10$...}
	 * @param roles some of OFFICER, EDITOR, ADMIN
	 */
	record Account(@NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{2,32}") String username,
			@NotBlank @Pattern(regexp = "\\{[a-z0-9]+\\}.+", message = "must be an encoded password such as {bcrypt}...") String passwordHash,
			@NotEmpty Set<Role> roles) {

		@Override
		public String toString() {
			return "Account[" + this.username + ", roles=" + this.roles + "]";
		}

	}

}
