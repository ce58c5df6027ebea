package io.zhengwu.assistant.simulator;

import java.util.List;
import java.util.Map;

/**
 * What happened when the simulator pushed a citizen's message to the webhook as WeChat does.
 *
 * @param status the HTTP status of the last attempt (0: no answer in time, or no connection)
 * @param attempts how many times it was pushed (WeChat retries twice after 5 s without an answer)
 * @param elapsedMillis from the first push to the last answer
 * @param reply the passive reply the citizen sees, or {@code null} for {@code success} / empty
 * @param problems why WeChat would not show the reply (empty when all is well); when not empty,
 * WeChat shows the citizen "该公众号暂时无法提供服务，请稍后再试"
 */
public record Delivery(int status, int attempts, long elapsedMillis, Reply reply, List<String> problems) {

	public Delivery {
		problems = List.copyOf(problems);
	}

	/** Whether WeChat would accept the webhook's answer (a reply, {@code success}, or empty). */
	public boolean accepted() {
		return this.problems.isEmpty();
	}

	/** The reply's text, or {@code ""} when there is none or it is not a text reply. */
	public String text() {
		return (this.reply != null && "text".equals(this.reply.msgType())) ? this.reply.content() : "";
	}

	/**
	 * A passive reply, decrypted and verified.
	 * @param msgType {@code text}, {@code news}, {@code image}, {@code transfer_customer_service}, ...
	 * @param content the text of a text reply
	 * @param articles the articles of a news reply (Title, Description, PicUrl, Url)
	 */
	public record Reply(String msgType, String content, List<Map<String, String>> articles) {

		public Reply {
			articles = List.copyOf(articles);
		}

	}

}
