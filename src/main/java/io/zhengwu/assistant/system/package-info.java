/**
 * Cross-cutting set-up: the Redis server (embedded by default), security, error mapping, metrics.
 */
package io.zhengwu.assistant.system;
