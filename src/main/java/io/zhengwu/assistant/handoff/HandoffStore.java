package io.zhengwu.assistant.handoff;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.zhengwu.assistant.system.RedisScripts;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-off's state in Redis. Every change that more than one officer or instance may race for
 * (claim, release, transfer, close, quota) is one Lua script, so Redis applies it atomically.
 *
 * <p>All keys carry the hash tag {@code {handoff}}, so on a Redis Cluster they live in one hash
 * slot and the scripts, which mix the queue, chats, officers and citizens, may touch them together
 * (every key a script uses is passed in {@code KEYS}). Hand-offs are a few hundred chats a day:
 * one slot holds them easily.
 *
 * <pre>
 * zw:{handoff}:chat:&lt;id&gt;          hash   openId, language, reason, state, officer, queuedAt, ...
 * zw:{handoff}:active:&lt;openId&gt;    string the citizen's current chat (queued, with an officer, rating)
 * zw:{handoff}:citizen:&lt;openId&gt;   set    all chat ids of the citizen (for erasure)
 * zw:{handoff}:queue              zset   queued chat ids by hand-off time (oldest first)
 * zw:{handoff}:open               zset   chat ids not ended yet (queued or with an officer) by hand-off time
 * zw:{handoff}:queue:seq          string tie-breaker for hand-offs within one millisecond
 * zw:{handoff}:officer:&lt;username&gt; set    chat ids an officer has
 * zw:{handoff}:transcript:&lt;id&gt;    list   JSON transcript lines
 * zw:{handoff}:delivery:&lt;id&gt;      hash   line index → delivery status of officer lines
 * zw:{handoff}:recent:&lt;openId&gt;    list   the last bot exchanges, kept one hour
 * zw:{handoff}:window:&lt;openId&gt;    hash   last (citizen's last message, ms), used (messages sent since)
 * zw:{handoff}:pending:&lt;openId&gt;   list   JSON officer replies waiting for the citizen to write again
 * zw:{handoff}:followups          zset   chat ids to follow up, by time
 * zw:{handoff}:closed             zset   closed chat ids by closing time (retention)
 * zw:{handoff}:audit              zset   JSON officer actions by time (an erased citizen's chats unnamed)
 * zw:{handoff}:presence           hash   username → available | away
 * </pre>
 */
class HandoffStore {

	/** The hash tag {@code {handoff}} puts every hand-off key in one Redis Cluster slot. */
	static final String PREFIX = "zw:{handoff}:";

	static final String QUEUE = PREFIX + "queue";

	/** Chats not ended yet, by hand-off time: those nobody ends within the retention are deleted too. */
	static final String OPEN = PREFIX + "open";

	static final String FOLLOWUPS = PREFIX + "followups";

	static final String CLOSED = PREFIX + "closed";

	static final String AUDIT = PREFIX + "audit";

	static final String PRESENCE = PREFIX + "presence";

	static final Duration RECENT_TTL = Duration.ofHours(1);

	/** The detail of an audit record whose chat was erased. */
	static final String ERASED_CHAT = "chat erased: the citizen unsubscribed";

	private static final RedisScript<String> ENQUEUE = RedisScript.of("""
			local existing = redis.call('GET', KEYS[2])
			if existing then return existing end
			redis.call('HSET', KEYS[1], unpack(ARGV, 3))
			redis.call('SET', KEYS[2], ARGV[1])
			-- hand-offs in the same millisecond keep their order: a sequence breaks the tie
			local score = tonumber(ARGV[2]) * 1000 + redis.call('INCR', KEYS[5]) % 1000
			redis.call('HSET', KEYS[1], 'queueScore', string.format('%.0f', score))
			redis.call('ZADD', KEYS[3], string.format('%.0f', score), ARGV[1])
			redis.call('SADD', KEYS[4], ARGV[1])
			redis.call('ZADD', KEYS[6], ARGV[2], ARGV[1])
			return ARGV[1]
			""", String.class);

	private static final RedisScript<Long> CLAIM = RedisScript.of("""
			if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
			redis.call('HSET', KEYS[2], 'state', 'WITH_OFFICER', 'officer', ARGV[2], 'claimedAt', ARGV[3])
			redis.call('SADD', KEYS[3], ARGV[1])
			return 1
			""", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('HGET', KEYS[2], 'state') ~= 'WITH_OFFICER' then return 0 end
			if redis.call('HGET', KEYS[2], 'officer') ~= ARGV[2] then return 0 end
			redis.call('HSET', KEYS[2], 'state', 'QUEUED')
			redis.call('HDEL', KEYS[2], 'officer', 'claimedAt')
			redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[2], 'queueScore'), ARGV[1])
			redis.call('SREM', KEYS[3], ARGV[1])
			return 1
			""", Long.class);

	private static final RedisScript<Long> TRANSFER = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'state') ~= 'WITH_OFFICER' then return 0 end
			if redis.call('HGET', KEYS[1], 'officer') ~= ARGV[2] then return 0 end
			redis.call('HSET', KEYS[1], 'officer', ARGV[3])
			redis.call('SREM', KEYS[2], ARGV[1])
			redis.call('SADD', KEYS[3], ARGV[1])
			return 1
			""", Long.class);

	/**
	 * Ends a chat that is queued or with an officer (ARGV[2]: the officer, or '' for the citizen).
	 * KEYS[3] is the set of the officer the caller read as holding the chat (ARGV[7], '' for none):
	 * if another officer holds it by now, -1 says read again.
	 */
	private static final RedisScript<Long> END = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if state ~= 'QUEUED' and state ~= 'WITH_OFFICER' then return 0 end
			local officer = redis.call('HGET', KEYS[1], 'officer') or ''
			if ARGV[2] ~= '' and officer ~= ARGV[2] then return 0 end
			if officer ~= ARGV[7] then return -1 end
			redis.call('HSET', KEYS[1], 'state', ARGV[4], 'closedAt', ARGV[3], 'outcome', ARGV[5], 'endedBy', ARGV[6])
			redis.call('ZREM', KEYS[2], ARGV[1])
			if officer ~= '' then redis.call('SREM', KEYS[3], ARGV[1]) end
			redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
			redis.call('ZREM', KEYS[5], ARGV[1])
			return 1
			""", Long.class);

	/**
	 * Sets a field (ARGV[1] = ARGV[2]) of a hash (KEYS[1], a chat or a window) that exists; ARGV[3]
	 * '1': only if absent. 1 when set. A hash gone meanwhile is not made again, without its expiry.
	 */
	private static final RedisScript<Long> SET_FIELD = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			if ARGV[3] == '1' then return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			return 1
			""", Long.class);

	/** Notes why (ARGV[1]) a chat (KEYS[1], id ARGV[3]) that exists is to be followed up, listed by time (ARGV[2]). */
	private static final RedisScript<Long> MARK_FOLLOW_UP = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			redis.call('HSET', KEYS[1], 'followUp', ARGV[1])
			redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
			return 1
			""", Long.class);

	/** Appends a transcript line (KEYS[2]) if the chat (KEYS[1]) still exists: the new length, else 0. */
	private static final RedisScript<Long> APPEND = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			return redis.call('RPUSH', KEYS[2], ARGV[1])
			""", Long.class);

	/** Sets a line's delivery status (KEYS[2]) if the chat (KEYS[1]) still exists. */
	private static final RedisScript<Long> SET_DELIVERY = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
			return 1
			""", Long.class);

	/** Deletes the citizen's pointer to their active chat (KEYS[1]) if it points to this chat (ARGV[1]). */
	private static final RedisScript<Long> FORGET_ACTIVE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			return redis.call('DEL', KEYS[1])
			""", Long.class);

	/** Replaces an audit record (ARGV[1]) by another (ARGV[2], score ARGV[3]) if it is still there. */
	private static final RedisScript<Long> REPLACE_AUDIT = RedisScript.of("""
			if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
			redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
			return 1
			""", Long.class);

	/** Reserves one customer-service message: -1 window closed, -2 quota spent, else messages left after it. */
	private static final RedisScript<Long> RESERVE = RedisScript.of("""
			local last = redis.call('HGET', KEYS[1], 'last')
			if not last or tonumber(ARGV[1]) - tonumber(last) >= tonumber(ARGV[2]) then return -1 end
			local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
			if used >= tonumber(ARGV[3]) then return -2 end
			redis.call('HINCRBY', KEYS[1], 'used', 1)
			return tonumber(ARGV[3]) - used - 1
			""", Long.class);

	/**
	 * The citizen wrote: reopens the 48 h window with a fresh quota and says, in the same round
	 * trip, which chat (if any) is active and whether officer answers are waiting: {@code 1} or
	 * {@code 0}, then the active chat id (empty if none).
	 */
	private static final RedisScript<String> CITIZEN_WROTE = RedisScript.of("""
			redis.call('HSET', KEYS[1], 'last', ARGV[1], 'used', '0')
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			local active = redis.call('GET', KEYS[2])
			return tostring(redis.call('EXISTS', KEYS[3])) .. (active or '')
			""", String.class);

	/** Appends a bot exchange, keeps the last ten and their TTL, in one round trip. */
	private static final RedisScript<Long> REMEMBER_BOT_EXCHANGE = RedisScript.of("""
			redis.call('RPUSH', KEYS[1], ARGV[1])
			redis.call('LTRIM', KEYS[1], -10, -1)
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	/** The two scripts every citizen message runs (the window and the bot exchange). */
	private final RedisScripts commands;

	private final JsonMapper json;

	/** Writes a bot exchange, which every citizen message does: bound to its type once. */
	private final ObjectWriter transcriptEntries;

	HandoffStore(ReactiveStringRedisTemplate redis, RedisScripts commands, JsonMapper json) {
		this.redis = redis;
		this.commands = commands;
		this.json = json;
		this.transcriptEntries = json.writerFor(TranscriptEntry.class);
	}

	static String chatKey(String chatId) {
		return PREFIX + "chat:" + chatId;
	}

	static String activeKey(String openId) {
		return PREFIX + "active:" + openId;
	}

	static String citizenKey(String openId) {
		return PREFIX + "citizen:" + openId;
	}

	static String officerKey(String username) {
		return PREFIX + "officer:" + username;
	}

	static String transcriptKey(String chatId) {
		return PREFIX + "transcript:" + chatId;
	}

	static String deliveryKey(String chatId) {
		return PREFIX + "delivery:" + chatId;
	}

	static String recentKey(String openId) {
		return PREFIX + "recent:" + openId;
	}

	static String windowKey(String openId) {
		return PREFIX + "window:" + openId;
	}

	static String pendingKey(String openId) {
		return PREFIX + "pending:" + openId;
	}

	// ---- chats and the queue ---------------------------------------------------------------

	/** Creates a queued chat unless the citizen has one already; returns the citizen's chat id. */
	Mono<String> enqueue(String chatId, String openId, long queuedAt, Map<String, String> fields) {
		String[] args = new String[2 + fields.size() * 2];
		args[0] = chatId;
		args[1] = Long.toString(queuedAt);
		int i = 2;
		for (Map.Entry<String, String> field : fields.entrySet()) {
			args[i++] = field.getKey();
			args[i++] = field.getValue();
		}
		return this.redis
			.execute(ENQUEUE,
					List.of(chatKey(chatId), activeKey(openId), QUEUE, citizenKey(openId), QUEUE + ":seq", OPEN),
					List.of(args))
			.next();
	}

	Mono<String> activeChatId(String openId) {
		return this.redis.opsForValue().get(activeKey(openId));
	}

	Mono<Boolean> expireActive(String openId, Duration ttl) {
		return this.redis.expire(activeKey(openId), ttl);
	}

	Mono<Boolean> clearActive(String openId) {
		return this.redis.delete(activeKey(openId)).map((n) -> n > 0);
	}

	/** Clears the citizen's active chat if it is this one (not a newer one). */
	Mono<Void> clearActive(String openId, String chatId) {
		return this.redis.execute(FORGET_ACTIVE, List.of(activeKey(openId)), List.of(chatId)).then();
	}

	Mono<Map<String, String>> chat(String chatId) {
		return this.redis.<String, String>opsForHash()
			.entries(chatKey(chatId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
			.filter((fields) -> !fields.isEmpty())
			.map((fields) -> Map.copyOf(fields));
	}

	/**
	 * Sets a field of a chat that still exists: one erased or deleted since the caller read it is
	 * not made again as a stray hash that nothing deletes.
	 */
	Mono<Boolean> setField(String chatId, String field, String value) {
		return flag(this.redis.execute(SET_FIELD, List.of(chatKey(chatId)), List.of(field, value, "0")));
	}

	/** Sets a field of a chat that still exists, if the field is not set yet; whether it was set. */
	Mono<Boolean> setFieldIfAbsent(String chatId, String field, String value) {
		return flag(this.redis.execute(SET_FIELD, List.of(chatKey(chatId)), List.of(field, value, "1")));
	}

	Mono<Boolean> claim(String chatId, String officer, long now) {
		return flag(this.redis.execute(CLAIM, List.of(QUEUE, chatKey(chatId), officerKey(officer)),
				List.of(chatId, officer, Long.toString(now))));
	}

	Mono<Boolean> release(String chatId, String officer) {
		return flag(this.redis.execute(RELEASE, List.of(QUEUE, chatKey(chatId), officerKey(officer)),
				List.of(chatId, officer)));
	}

	Mono<Boolean> transfer(String chatId, String from, String to) {
		return flag(this.redis.execute(TRANSFER, List.of(chatKey(chatId), officerKey(from), officerKey(to)),
				List.of(chatId, from, to)));
	}

	/** Ends a chat; {@code officer} empty when the citizen ends it. */
	Mono<Boolean> end(String chatId, String officer, long now, ChatState next, String outcome, String endedBy) {
		// Every key a script touches must be in KEYS (Redis Cluster routes by them): read who holds
		// the chat, then end it only if that is still so, else read again (a claim or transfer
		// came in between).
		Mono<String> holder = officer.isEmpty()
				? this.redis.<String, String>opsForHash().get(chatKey(chatId), "officer").defaultIfEmpty("")
				: Mono.just(officer);
		return holder
			.flatMap((current) -> this.redis
				.execute(END, List.of(chatKey(chatId), QUEUE, officerKey(current), CLOSED, OPEN),
						List.of(chatId, officer, Long.toString(now), next.name(), outcome, endedBy, current))
				.next())
			.filter((result) -> result != -1L)
			.repeatWhenEmpty(100, (empties) -> empties)
			.map((result) -> result == 1L)
			.defaultIfEmpty(false);
	}

	/** Queued chat ids, oldest first. */
	Flux<String> queue() {
		return whole(this.redis.opsForZSet().range(QUEUE, Range.unbounded()));
	}

	/** The chat's place in the queue, 1 = next; 0 when not queued. */
	Mono<Long> position(String chatId) {
		return this.redis.opsForZSet().rank(QUEUE, chatId).map((rank) -> rank + 1).defaultIfEmpty(0L);
	}

	Mono<Long> queueLength() {
		return this.redis.opsForZSet().size(QUEUE);
	}

	Flux<String> chatsOf(String officer) {
		return whole(this.redis.opsForSet().members(officerKey(officer)));
	}

	// ---- transcript ------------------------------------------------------------------------

	/**
	 * Appends a line; returns its index, or -1 when the chat is gone (erased or deleted meanwhile:
	 * the line would make its transcript again, kept for good).
	 */
	Mono<Integer> append(String chatId, TranscriptEntry entry) {
		return this.redis
			.execute(APPEND, List.of(chatKey(chatId), transcriptKey(chatId)),
					List.of(this.json.writeValueAsString(entry)))
			.next()
			.map((length) -> (int) (length - 1));
	}

	Flux<TranscriptEntry> transcript(String chatId) {
		return this.redis.<String, String>opsForHash()
			.entries(deliveryKey(chatId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.flatMapMany((deliveries) -> this.redis.opsForList()
				.range(transcriptKey(chatId), 0, -1)
				.index()
				.map((indexed) -> {
					int index = indexed.getT1().intValue();
					TranscriptEntry entry = this.json.readValue(indexed.getT2(), TranscriptEntry.class);
					return entry.withIndexAndDelivery(index,
							deliveries.getOrDefault(Integer.toString(index), entry.delivery()));
				}));
	}

	/** Notes a line's delivery status, unless the chat is gone (a send outlasting an erasure). */
	Mono<Boolean> setDelivery(String chatId, int index, String status) {
		return this.redis
			.execute(SET_DELIVERY, List.of(chatKey(chatId), deliveryKey(chatId)),
					List.of(Integer.toString(index), status))
			.next()
			.map((set) -> set == 1L);
	}

	Mono<Void> rememberBotExchange(String openId, TranscriptEntry entry) {
		return this.commands
			.run(REMEMBER_BOT_EXCHANGE, List.of(recentKey(openId)),
					List.of(this.transcriptEntries.writeValueAsString(entry), Long.toString(RECENT_TTL.toMillis())))
			.then();
	}

	Flux<TranscriptEntry> recentBotExchanges(String openId) {
		return whole(this.redis.opsForList().range(recentKey(openId), 0, -1))
			.map((line) -> this.json.readValue(line, TranscriptEntry.class));
	}

	Mono<Boolean> forgetBotExchanges(String openId) {
		return this.redis.delete(recentKey(openId)).map((n) -> n > 0);
	}

	// ---- the 48 h window and its quota -----------------------------------------------------

	/** The citizen wrote: the window opens again for {@code window} with a fresh quota. */
	Mono<Void> citizenWrote(String openId, long now, Duration window) {
		String key = windowKey(openId);
		return this.redis.<String, String>opsForHash()
			.putAll(key, Map.of("last", Long.toString(now), "used", "0"))
			.then(this.redis.expire(key, window))
			.then();
	}

	/**
	 * What {@link #citizenWrote} does, and in the same round trip: the citizen's active chat id
	 * (empty if none) and whether officer answers wait for the window.
	 */
	Mono<Written> citizenWroteAndActive(String openId, long now, Duration window) {
		return this.commands
			.run(CITIZEN_WROTE, List.of(windowKey(openId), activeKey(openId), pendingKey(openId)),
					List.of(Long.toString(now), Long.toString(window.toMillis())))
			.map((result) -> new Written(result.substring(1), result.charAt(0) == '1'));
	}

	/** The citizen's active chat id (empty if none) and whether answers wait for them. */
	record Written(String activeChatId, boolean answersWaiting) {
	}

	Mono<Map<String, String>> window(String openId) {
		return this.redis.<String, String>opsForHash()
			.entries(windowKey(openId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	Mono<Long> reserveMessage(String openId, long now, Duration window, int quota) {
		return this.redis
			.execute(RESERVE, List.of(windowKey(openId)),
					List.of(Long.toString(now), Long.toString(window.toMillis()), Integer.toString(quota)))
			.next();
	}

	/**
	 * WeChat said the quota is spent although we counted otherwise: believe WeChat. Only while the
	 * window is there: one that expired meanwhile is not made again, without its expiry, for good.
	 */
	Mono<Void> quotaSpent(String openId, int quota) {
		return this.redis.execute(SET_FIELD, List.of(windowKey(openId)), List.of("used", Integer.toString(quota), "0"))
			.then();
	}

	/** WeChat said the window is closed: believe WeChat. */
	Mono<Void> windowClosed(String openId) {
		return this.redis.delete(windowKey(openId)).then();
	}

	// ---- replies waiting for the citizen ---------------------------------------------------

	Mono<Void> addPending(String openId, PendingReply reply, Duration keep) {
		String key = pendingKey(openId);
		return this.redis.opsForList()
			.rightPush(key, this.json.writeValueAsString(reply))
			.then(this.redis.expire(key, keep))
			.then();
	}

	/** Takes all waiting replies at once (so two instances never deliver one twice). */
	Flux<PendingReply> takePending(String openId) {
		String key = pendingKey(openId);
		String taking = key + ":taking:" + java.util.UUID.randomUUID();
		return this.redis.hasKey(key)
			.filter(Boolean::booleanValue)
			.flatMap((present) -> this.redis.rename(key, taking).onErrorResume((ex) -> Mono.just(false)))
			.filter(Boolean::booleanValue)
			.flatMapMany((renamed) -> this.redis.opsForList()
				.range(taking, 0, -1)
				.collectList()
				.flatMapMany((lines) -> this.redis.delete(taking).thenMany(Flux.fromIterable(lines))))
			.map((line) -> this.json.readValue(line, PendingReply.class));
	}

	Mono<Long> pendingCount(String openId) {
		return this.redis.opsForList().size(pendingKey(openId));
	}

	// ---- follow-ups, closed chats, audit, presence -----------------------------------------

	/** Puts a chat that still exists on the follow-up list. */
	Mono<Boolean> markFollowUp(String chatId, String why, long now) {
		return flag(this.redis.execute(MARK_FOLLOW_UP, List.of(chatKey(chatId), FOLLOWUPS),
				List.of(why, Long.toString(now), chatId)));
	}

	Mono<Boolean> clearFollowUp(String chatId) {
		return this.redis.<String, String>opsForHash()
			.remove(chatKey(chatId), "followUp")
			.then(this.redis.opsForZSet().remove(FOLLOWUPS, chatId))
			.map((n) -> n > 0);
	}

	Flux<String> followUps() {
		return whole(this.redis.opsForZSet().range(FOLLOWUPS, Range.unbounded()));
	}

	Flux<String> closedBefore(long cutoff) {
		return whole(this.redis.opsForZSet().rangeByScore(CLOSED, Range.closed(0.0, (double) cutoff)));
	}

	/** Chats handed off before the cutoff and not ended yet. */
	Flux<String> openBefore(long cutoff) {
		return whole(this.redis.opsForZSet().rangeByScore(OPEN, Range.closed(0.0, (double) cutoff)));
	}

	Flux<String> recentlyClosed(int count) {
		return whole(this.redis.opsForZSet().reverseRange(CLOSED, Range.closed(0L, (long) count - 1)));
	}

	/** Deletes a chat and everything under it. */
	Mono<Void> deleteChat(String chatId, String openId) {
		return this.redis.delete(chatKey(chatId), transcriptKey(chatId), deliveryKey(chatId))
			.then(this.redis.opsForZSet().remove(QUEUE, chatId))
			.then(this.redis.opsForZSet().remove(OPEN, chatId))
			.then(this.redis.opsForZSet().remove(FOLLOWUPS, chatId))
			.then(this.redis.opsForZSet().remove(CLOSED, chatId))
			.then((openId != null) ? this.redis.opsForSet().remove(citizenKey(openId), chatId) : Mono.empty())
			.then();
	}

	Mono<Void> forgetOfficerChat(String officer, String chatId) {
		return this.redis.opsForSet().remove(officerKey(officer), chatId).then();
	}

	Flux<String> chatsOfCitizen(String openId) {
		return whole(this.redis.opsForSet().members(citizenKey(openId)));
	}

	Mono<Void> deleteCitizenKeys(String openId) {
		return this.redis
			.delete(activeKey(openId), citizenKey(openId), recentKey(openId), windowKey(openId), pendingKey(openId))
			.then();
	}

	Mono<Void> audit(AuditRecord record) {
		return this.redis.opsForZSet().add(AUDIT, this.json.writeValueAsString(record), record.at()).then();
	}

	Flux<AuditRecord> auditLog(int count) {
		return this.redis.opsForZSet()
			.reverseRange(AUDIT, Range.closed(0L, (long) count - 1))
			.map((line) -> this.json.readValue(line, AuditRecord.class));
	}

	/**
	 * The audit keeps what officers did with chats that were erased, but no longer which chats nor
	 * the detail (an outcome or a follow-up reason may tell of the citizen's case): each record of
	 * these chats is replaced by one without them. Returns how many were replaced.
	 */
	Mono<Long> unnameInAudit(Set<String> chatIds) {
		if (chatIds.isEmpty()) {
			return Mono.just(0L);
		}
		return this.redis.opsForZSet()
			.scan(AUDIT, ScanOptions.scanOptions().count(1000).build())
			.map(ZSetOperations.TypedTuple::getValue)
			.filter((line) -> chatIds.contains(this.json.readValue(line, AuditRecord.class).chatId()))
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((line) -> {
				AuditRecord record = this.json.readValue(line, AuditRecord.class);
				AuditRecord unnamed = new AuditRecord(record.at(), record.who(), record.action(), "", ERASED_CHAT);
				return this.redis.execute(REPLACE_AUDIT, List.of(AUDIT),
						List.of(line, this.json.writeValueAsString(unnamed), Long.toString(record.at())));
			})
			.reduce(0L, Long::sum);
	}

	Mono<Long> forgetAuditBefore(long cutoff) {
		return this.redis.opsForZSet().removeRangeByScore(AUDIT, Range.closed(0.0, (double) cutoff));
	}

	Mono<Boolean> setPresence(String username, boolean available) {
		return this.redis.<String, String>opsForHash().put(PRESENCE, username, available ? "available" : "away");
	}

	Mono<Map<String, String>> presence() {
		return this.redis.<String, String>opsForHash()
			.entries(PRESENCE)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Reads a whole reply before the caller works on its items: a streamed reply would hold its
	 * (pooled) connection while the caller's own Redis calls wait for one, and under load every
	 * connection would wait for another.
	 */
	private static <T> Flux<T> whole(Flux<T> reply) {
		return reply.collectList().flatMapIterable((items) -> items);
	}

	private static Mono<Boolean> flag(Flux<Long> result) {
		return result.next().map((n) -> n == 1L).defaultIfEmpty(false);
	}

	/** An officer's reply that could not be delivered yet. */
	record PendingReply(String chatId, int index, String text) {
	}

}
