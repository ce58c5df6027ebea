package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Console accounts, kept in Redis so every instance knows them: the password only as a salted
 * hash (bcrypt), the roles, and whether the account is disabled. Failed logins are counted per
 * account; too many lock it for a while.
 *
 * <pre>
 * zw:console:accounts            set    usernames
 * zw:console:account:{username}  hash   password (encoded), roles, disabled
 * zw:console:failed:{username}   string login attempts since the last success (counted before the
 *                                       password is compared), expiring after the lock-out
 * </pre>
 */
class ConsoleAccounts implements ReactiveUserDetailsService {

	private static final String ACCOUNTS = "zw:console:accounts";

	/**
	 * Reserves a login attempt before its password is compared: refuses it (0) when the account has
	 * used up its attempts, else counts it and (re)starts the lock-out, returning its number. One
	 * script, so logins sent at the same moment cannot all read a count below the limit, and the
	 * count never lacks its expiry (that would lock the account for good). One key: fine on a Redis
	 * Cluster. A refused attempt changes nothing: it neither counts nor prolongs the lock-out.
	 */
	private static final RedisScript<Long> RESERVE = RedisScript.of("""
			local count = tonumber(redis.call('GET', KEYS[1]) or '0')
			if count >= tonumber(ARGV[1]) then
				return 0
			end
			count = redis.call('INCR', KEYS[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return count
			""", Long.class);

	/** Gives back a reserved attempt, if it is still counted (the counter keeps its expiry). */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			local count = tonumber(redis.call('GET', KEYS[1]) or '0')
			if count > 0 then
				return redis.call('DECR', KEYS[1])
			end
			return 0
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final PasswordEncoder encoder;

	ConsoleAccounts(ReactiveStringRedisTemplate redis, PasswordEncoder encoder) {
		this.redis = redis;
		this.encoder = encoder;
	}

	private static String accountKey(String username) {
		return "zw:console:account:" + username;
	}

	private static String failedKey(String username) {
		return "zw:console:failed:" + username;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return this.redis.<String, String>opsForHash()
			.entries(accountKey(username))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((fields) -> fields.containsKey("password"))
			.map((fields) -> User.withUsername(username)
				.password(fields.get("password"))
				.roles(roles(fields).stream().map(Enum::name).toArray(String[]::new))
				.disabled(Boolean.parseBoolean(fields.getOrDefault("disabled", "false")))
				.build());
	}

	/** Creates or replaces an account with a plain password given by an admin (stored hashed). */
	Mono<Void> save(String username, String rawPassword, Set<Role> roles) {
		return saveEncoded(username, this.encoder.encode(rawPassword), roles);
	}

	/**
	 * Creates or replaces an account. Listed first, then given its password: cut off in between (the
	 * admin's connection dropped), the account is listed without roles and cannot log in, never one
	 * that logs in but that the admin's list does not show. (One script cannot do both: on a Redis
	 * Cluster the list and the account are in different slots.)
	 */
	Mono<Void> saveEncoded(String username, String encodedPassword, Set<Role> roles) {
		return this.redis.opsForSet()
			.add(ACCOUNTS, username)
			.then(this.redis.<String, String>opsForHash()
				.putAll(accountKey(username),
						Map.of("password", encodedPassword, "roles", names(roles), "disabled", "false")))
			.then(this.redis.delete(failedKey(username)))
			.then();
	}

	Mono<Void> setRoles(String username, Set<Role> roles) {
		return this.redis.<String, String>opsForHash().put(accountKey(username), "roles", names(roles)).then();
	}

	Mono<Void> setDisabled(String username, boolean disabled) {
		return this.redis.<String, String>opsForHash()
			.put(accountKey(username), "disabled", Boolean.toString(disabled))
			.then();
	}

	Mono<Boolean> exists(String username) {
		return this.redis.hasKey(accountKey(username));
	}

	Flux<AccountView> list() {
		return this.redis.opsForSet()
			.members(ACCOUNTS)
			.sort()
			.concatMap((username) -> this.redis.<String, String>opsForHash()
				.entries(accountKey(username))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue)
				.flatMap((fields) -> this.redis.opsForValue()
					.get(failedKey(username))
					.map(Integer::parseInt)
					.defaultIfEmpty(0)
					.map((failed) -> new AccountView(username, roles(fields),
							Boolean.parseBoolean(fields.getOrDefault("disabled", "false")), failed))));
	}

	/**
	 * Reserves a login attempt of an account whose password is about to be compared; it counts as a
	 * failed login until {@link #succeeded} clears the count (or {@link #released} gives it back).
	 * @return the attempt's number in a row (1 to {@code limit}), or 0 when the account is locked:
	 * {@code limit} attempts within the lock-out
	 */
	Mono<Long> reserve(String username, int limit, Duration lockout) {
		return this.redis
			.execute(RESERVE, List.of(failedKey(username)),
					List.of(Integer.toString(limit), Long.toString(lockout.toMillis())))
			.next();
	}

	/** Gives back an attempt reserved for a login whose password was not compared after all. */
	Mono<Void> released(String username) {
		return this.redis.execute(RELEASE, List.of(failedKey(username))).then();
	}

	/** A login succeeded: its failed attempts are forgotten. */
	Mono<Void> succeeded(String username) {
		return this.redis.delete(failedKey(username)).then();
	}

	private static Set<Role> roles(Map<String, String> fields) {
		String roles = fields.getOrDefault("roles", "");
		Set<Role> result = EnumSet.noneOf(Role.class);
		Arrays.stream(roles.split(",")).filter((r) -> !r.isBlank()).map(Role::valueOf).forEach(result::add);
		return result;
	}

	private static String names(Set<Role> roles) {
		return roles.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
	}

	/** An account as the admin page lists it (never the password hash). */
	record AccountView(String username, Set<Role> roles, boolean disabled, int failedLogins) {

		AccountView {
			roles = Set.copyOf(roles);
		}

		List<String> roleNames() {
			return this.roles.stream().map(Enum::name).sorted().toList();
		}

	}

}
