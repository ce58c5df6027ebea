/**
 * The officers' and editors' web pages and JSON API, login and roles, live updates.
 */
package io.zhengwu.assistant.console;
