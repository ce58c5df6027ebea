package io.zhengwu.assistant.wechat;

import org.springframework.http.HttpStatus;

/**
 * A webhook request refused before it reached the business code. The reason is safe to log: it
 * never holds a secret or the request body.
 */
class WebhookRejection extends RuntimeException {

	private final HttpStatus status;

	private WebhookRejection(HttpStatus status, String reason) {
		super(reason, null, false, false);
		this.status = status;
	}

	static WebhookRejection forbidden(String reason) {
		return new WebhookRejection(HttpStatus.FORBIDDEN, reason);
	}

	static WebhookRejection badRequest(String reason) {
		return new WebhookRejection(HttpStatus.BAD_REQUEST, reason);
	}

	static WebhookRejection tooLarge(String reason) {
		return new WebhookRejection(HttpStatus.CONTENT_TOO_LARGE, reason);
	}

	HttpStatus status() {
		return this.status;
	}

}
