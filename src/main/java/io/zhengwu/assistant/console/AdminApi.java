package io.zhengwu.assistant.console;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.zhengwu.assistant.handoff.AuditRecord;
import io.zhengwu.assistant.handoff.OfficerDesk;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The admin's API: accounts (passwords stored hashed, never shown) and the audit of officer actions. */
@RestController
@RequestMapping("/console/api/admin")
class AdminApi {

	private static final Log log = LogFactory.getLog(AdminApi.class);

	private final ConsoleAccounts accounts;

	private final OfficerDesk desk;

	AdminApi(ConsoleAccounts accounts, OfficerDesk desk) {
		this.accounts = accounts;
		this.desk = desk;
	}

	@GetMapping("/accounts")
	Flux<AccountRow> accounts() {
		return this.accounts.list()
			.map((a) -> new AccountRow(a.username(), a.roleNames(), a.disabled(), a.failedLogins()));
	}

	/** Creates an account or sets a new password and roles. */
	@PostMapping("/accounts")
	Mono<Void> save(@RequestBody NewAccount account, Principal admin) {
		if (account.username() == null || !account.username().matches("[a-zA-Z0-9._-]{2,32}")) {
			return Mono.error(new AccountRefusedException("a username is 2 to 32 letters, digits, '.', '_' or '-'"));
		}
		if (account.password() == null || account.password().length() < 10) {
			return Mono.error(new AccountRefusedException("a password has at least 10 characters"));
		}
		Set<Role> roles = roles(account.roles());
		log.info("Console account " + account.username() + " saved by " + admin.getName() + " with roles " + roles);
		return this.accounts.save(account.username(), account.password(), roles);
	}

	@PostMapping("/accounts/{username}/disabled")
	Mono<Void> disable(@PathVariable String username, @RequestParam boolean disabled, Principal admin) {
		if (username.equals(admin.getName())) {
			return Mono.error(new AccountRefusedException("an admin cannot disable their own account"));
		}
		return this.accounts.exists(username)
			.flatMap((exists) -> exists ? this.accounts.setDisabled(username, disabled)
					: Mono.error(new AccountRefusedException("no account " + username)));
	}

	@GetMapping("/audit")
	Flux<AuditRecord> audit() {
		return this.desk.auditLog(300);
	}

	private static Set<Role> roles(List<String> names) {
		if (names == null || names.isEmpty()) {
			throw new AccountRefusedException("choose at least one role: OFFICER, EDITOR, ADMIN");
		}
		try {
			return Set.copyOf(names.stream().map(Role::valueOf).toList());
		}
		catch (IllegalArgumentException ex) {
			throw new AccountRefusedException("roles are OFFICER, EDITOR, ADMIN");
		}
	}

	record AccountRow(String username, List<String> roles, boolean disabled, int failedLogins) {
	}

	/** An admin's new account; {@link #toString()} leaves the password out. */
	record NewAccount(String username, String password, List<String> roles) {

		@Override
		public String toString() {
			return "NewAccount[" + this.username + ", roles=" + this.roles + "]";
		}

	}

}
