/**
 * The WeChat webhook (verify, decrypt, parse safely, drop retries, reply within the 5-second budget) and the outbound WeChat API client (customer-service messages, access token shared in Redis, menu).
 */
package io.zhengwu.assistant.wechat;
