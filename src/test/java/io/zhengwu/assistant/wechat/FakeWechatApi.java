package io.zhengwu.assistant.wechat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two WeChat API calls the webhook makes, as a test stand-in until the simulator's fake API
 * serves them: the stable access token and the customer-service send, which it records.
 */
@RestController
class FakeWechatApi {

	static final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();

	@PostMapping("/cgi-bin/stable_token")
	Map<String, Object> stableToken() {
		return Map.of("access_token", "fake-access-token", "expires_in", 7200);
	}

	@PostMapping("/cgi-bin/message/custom/send")
	Map<String, Object> send(@RequestBody Map<String, Object> message) {
		sent.add(message);
		return Map.of("errcode", 0, "errmsg", "ok");
	}

}
