/**
 * Escalation of a chat to the on-duty staff: queue, duty roster, assignment, transcript, time-outs, ratings.
 */
package io.zhengwu.assistant.handoff;
