package io.zhengwu.assistant.system;

/**
 * The names of the service's own metrics, as registered with Micrometer where each event happens.
 * Prometheus sees them with dots as underscores ({@code zw.answers} → {@code zw_answers_total}); the
 * Grafana dashboard ({@code deploy/grafana/}) and the alert rules ({@code deploy/prometheus/}) are
 * built on exactly these names, so renaming one is a change to those files too.
 */
public final class Meters {

	/**
	 * Timer: one webhook call, from receipt to reply, tag {@code kind=message|event}. Published as a
	 * histogram with buckets at 1 s, 4 s (the reply budget) and 5 s (WeChat's limit).
	 */
	public static final String WEBHOOK_LATENCY = "zw.webhook.latency";

	/**
	 * Counter: a citizen's question answered by the bot, tags
	 * {@code outcome=answer|choose|none|smalltalk} and {@code lang=zh|bo}.
	 */
	public static final String ANSWERS = "zw.answers";

	/**
	 * Counter: a retried delivery of a message already handled or being handled, answered without
	 * processing the message again (a retry that took the message over is not counted here: see
	 * {@link #DELIVERY_TAKEOVERS}).
	 */
	public static final String RETRIES_DEDUPLICATED = "zw.webhook.retries.deduplicated";

	/**
	 * Gauge: retried deliveries waiting now, on this instance, for another delivery of the same
	 * message to decide its reply.
	 */
	public static final String RETRIES_WAITING = "zw.webhook.retries.waiting";

	/**
	 * Counter: a message whose claim expired undecided (the instance processing it died) and which a
	 * retry on this instance took over and processed. A retry of an {@code unsubscribe} that waited
	 * while the first delivery erased the citizen's data is counted here too (nothing is kept for it).
	 */
	public static final String DELIVERY_TAKEOVERS = "zw.webhook.takeovers";

	/**
	 * Counter: an answer that missed the reply budget and went out as a customer-service message
	 * instead of the passive reply.
	 */
	public static final String ASYNC_REPLIES = "zw.webhook.async.replies";

	/**
	 * Counter: a customer-service message sent, tags {@code result=ok|error} and {@code code} (WeChat's
	 * errcode, {@code 0} when sent, {@code network} when WeChat could not be reached).
	 */
	public static final String CS_SENDS = "zw.cs.sends";

	/**
	 * Counter: a template message sent (the duty officer's notice of a new hand-off), tags
	 * {@code result=ok|error} and {@code code} as {@link #CS_SENDS}.
	 */
	public static final String TEMPLATE_SENDS = "zw.template.sends";

	/** Gauge: chats handed off and waiting for an officer (the queue length in Redis). */
	public static final String ESCALATIONS_WAITING = "zw.escalations.waiting";

	/** Timer: from a chat's escalation to an officer claiming it. */
	public static final String ESCALATIONS_WAIT = "zw.escalations.wait";

	/** Counter: an officer's reply sent to a citizen. */
	public static final String OFFICER_REPLIES = "zw.officer.replies";

	/** Counter: a citizen's rating of a hand-off, tag {@code rating=satisfied|neutral|unsatisfied}. */
	public static final String RATINGS = "zw.ratings";

	private Meters() {
	}

}
