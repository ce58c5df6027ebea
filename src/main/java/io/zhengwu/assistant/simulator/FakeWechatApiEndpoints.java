package io.zhengwu.assistant.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fake WeChat API, speaking WeChat's JSON protocol under {@code /simulator/wx}: access tokens
 * (plain and stable), customer-service messages and typing, template messages, the menu. Each
 * call is recorded in {@link FakeWechatApi}; sends check the access token and WeChat's limits.
 * Anything else answers 48001 (not simulated), so an unexpected call shows up at once.
 */
@RestController
@ConditionalOnSimulator
@RequestMapping(path = "/simulator/wx", produces = MediaType.APPLICATION_JSON_VALUE)
class FakeWechatApiEndpoints {

	private static final String TOKEN_QUERY = "access_token";

	private final FakeWechatApi api;

	private final JsonMapper json;

	FakeWechatApiEndpoints(FakeWechatApi api, JsonMapper json) {
		this.api = api;
		this.json = json;
	}

	@GetMapping("/cgi-bin/token")
	ResponseEntity<String> token(@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(required = false) String appid, ServerHttpRequest request) {
		if (!"client_credential".equals(grantType)) {
			return answer(request, "", error(40002, "invalid grant_type"));
		}
		if (appid == null || appid.isBlank()) {
			return answer(request, "", error(41002, "appid missing"));
		}
		return answer(request, "", tokenAnswer(this.api.issueToken(true)));
	}

	@PostMapping("/cgi-bin/stable_token")
	ResponseEntity<String> stableToken(@RequestBody(required = false) String body, ServerHttpRequest request) {
		JsonNode call = parse(body);
		if (call == null) {
			return answer(request, body, error(47001, "data format error"));
		}
		if (!"client_credential".equals(text(call.path("grant_type")))) {
			return answer(request, body, error(40002, "invalid grant_type"));
		}
		if (text(call.path("appid")).isBlank()) {
			return answer(request, body, error(41002, "appid missing"));
		}
		boolean force = call.path("force_refresh").isBoolean() && call.path("force_refresh").asBoolean();
		return answer(request, body, tokenAnswer(this.api.issueToken(force)));
	}

	@PostMapping("/cgi-bin/message/custom/send")
	ResponseEntity<String> customSend(@RequestParam(name = TOKEN_QUERY, required = false) String token,
			@RequestBody(required = false) String body, ServerHttpRequest request) {
		Map<String, Object> refusal = refusal(token);
		JsonNode call = parse(body);
		if (refusal == null) {
			refusal = checkMessage(call);
		}
		if (refusal != null) {
			return answer(request, body, refusal);
		}
		String openId = text(call.path("touser"));
		String msgType = text(call.path("msgtype"));
		this.api.accept(new FakeWechatApi.SentMessage(Instant.now(), openId, msgType, readable(call, msgType), body));
		return answer(request, body, ok());
	}

	@PostMapping("/cgi-bin/message/custom/typing")
	ResponseEntity<String> typing(@RequestParam(name = TOKEN_QUERY, required = false) String token,
			@RequestBody(required = false) String body, ServerHttpRequest request) {
		JsonNode call = parse(body);
		Map<String, Object> refusal = addressedCallRefusal(token, call);
		if (refusal == null) {
			String command = text(call.path("command"));
			if (!"Typing".equals(command) && !"CancelTyping".equals(command)) {
				refusal = error(47001, "data format error");
			}
			else {
				this.api.typing(text(call.path("touser")), "Typing".equals(command));
			}
		}
		return answer(request, body, (refusal != null) ? refusal : ok());
	}

	@PostMapping("/cgi-bin/message/template/send")
	ResponseEntity<String> templateSend(@RequestParam(name = TOKEN_QUERY, required = false) String token,
			@RequestBody(required = false) String body, ServerHttpRequest request) {
		JsonNode call = parse(body);
		Map<String, Object> refusal = addressedCallRefusal(token, call);
		if (refusal == null && text(call.path("template_id")).isBlank()) {
			refusal = error(40037, "invalid template_id");
		}
		if (refusal != null) {
			return answer(request, body, refusal);
		}
		String openId = text(call.path("touser"));
		this.api.accept(new FakeWechatApi.SentMessage(Instant.now(), openId, "template",
				readable(call, "template"), body));
		Map<String, Object> answer = ok();
		answer.put("msgid", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
		return answer(request, body, answer);
	}

	@PostMapping("/cgi-bin/menu/create")
	ResponseEntity<String> menuCreate(@RequestParam(name = TOKEN_QUERY, required = false) String token,
			@RequestBody(required = false) String body, ServerHttpRequest request) {
		Map<String, Object> refusal = refusal(token);
		JsonNode call = parse(body);
		if (refusal == null && (call == null || !call.path("button").isArray() || call.path("button").isEmpty()
				|| call.path("button").size() > 3)) {
			refusal = error(40016, "invalid button size");
		}
		if (refusal == null) {
			this.api.setMenu(body);
		}
		return answer(request, body, (refusal != null) ? refusal : ok());
	}

	@GetMapping("/cgi-bin/menu/get")
	ResponseEntity<String> menuGet(@RequestParam(name = TOKEN_QUERY, required = false) String token,
			ServerHttpRequest request) {
		Map<String, Object> refusal = refusal(token);
		if (refusal != null) {
			return answer(request, "", refusal);
		}
		if (this.api.menu().isEmpty()) {
			return answer(request, "", error(46003, "menu no exist"));
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("menu", parse(this.api.menu().get()));
		return answer(request, "", answer);
	}

	@GetMapping("/cgi-bin/menu/delete")
	ResponseEntity<String> menuDelete(@RequestParam(name = TOKEN_QUERY, required = false) String token,
			ServerHttpRequest request) {
		Map<String, Object> refusal = refusal(token);
		if (refusal == null) {
			this.api.setMenu(null);
		}
		return answer(request, "", (refusal != null) ? refusal : ok());
	}

	@RequestMapping("/**")
	ResponseEntity<String> notSimulated(@RequestBody(required = false) String body, ServerHttpRequest request) {
		return answer(request, (body != null) ? body : "",
				error(48001, "api unauthorized (not simulated by the fake WeChat API)"));
	}

	/** An access-token or global refusal, or {@code null} to go on. */
	/** The refusal of a call addressed to one citizen: token first, then the JSON and its openid. */
	private Map<String, Object> addressedCallRefusal(String token, JsonNode call) {
		Map<String, Object> refusal = refusal(token);
		if (refusal == null) {
			refusal = (call == null) ? error(47001, "data format error") : checkOpenId(call);
		}
		return refusal;
	}

	private Map<String, Object> refusal(String token) {
		if (this.api.failAllCode() != 0) {
			return error(this.api.failAllCode(), "failure set by the test (failAll)");
		}
		if (!this.api.validToken(token)) {
			return error(40001, "invalid credential, access_token is invalid or not latest");
		}
		return null;
	}

	private Map<String, Object> checkMessage(JsonNode call) {
		if (call == null) {
			return error(47001, "data format error");
		}
		Map<String, Object> refusal = checkOpenId(call);
		if (refusal != null) {
			return refusal;
		}
		String msgType = text(call.path("msgtype"));
		if (msgType.isBlank() || call.path(msgType).isMissingNode()) {
			return error(40008, "invalid message type");
		}
		if ("text".equals(msgType)) {
			String content = text(call.path("text").path("content"));
			if (content.isEmpty()) {
				return error(44003, "empty content");
			}
			if (content.getBytes(StandardCharsets.UTF_8).length > WebhookDelivery.MAX_TEXT_BYTES) {
				return error(45002, "content size out of limit");
			}
		}
		return null;
	}

	private Map<String, Object> checkOpenId(JsonNode call) {
		String openId = text(call.path("touser"));
		if (openId.isBlank()) {
			return error(40003, "invalid openid");
		}
		int failure = this.api.failureFor(openId);
		if (failure != 0) {
			return error(failure, describe(failure));
		}
		return null;
	}

	/** What the citizen reads of a message, one line per title, choice or template value. */
	private static String readable(JsonNode call, String msgType) {
		JsonNode payload = call.path(msgType);
		List<String> lines = new ArrayList<>();
		switch (msgType) {
			case "text" -> lines.add(text(payload.path("content")));
			case "news" -> payload.path("articles").forEach((article) -> lines.add(text(article.path("title"))));
			case "msgmenu" -> {
				lines.add(text(payload.path("head_content")));
				payload.path("list").forEach((choice) -> lines.add(text(choice.path("content"))));
				lines.add(text(payload.path("tail_content")));
			}
			case "template" -> call.path("data").forEach((value) -> lines.add(text(value.path("value"))));
			default -> lines.add("[" + msgType + "]");
		}
		return String.join("\n", lines.stream().filter((line) -> !line.isEmpty()).toList());
	}

	private static String describe(int errcode) {
		return switch (errcode) {
			case 45015 -> "response out of time limit or subscription is canceled";
			case 45047 -> "out of response count limit";
			case 40001 -> "invalid credential, access_token is invalid or not latest";
			case 43004 -> "require subscribe";
			case -1 -> "system error";
			default -> "failure set by the test";
		};
	}

	private ResponseEntity<String> answer(ServerHttpRequest request, String body, Map<String, Object> answer) {
		if (this.api.isDown()) {
			this.api.record(new FakeWechatApi.ApiCall(Instant.now(), request.getMethod().name(), apiPath(request),
					(body != null) ? body : "", HttpStatus.SERVICE_UNAVAILABLE.value()));
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("");
		}
		int errcode = (answer.get("errcode") instanceof Integer code) ? code : 0;
		this.api.record(new FakeWechatApi.ApiCall(Instant.now(), request.getMethod().name(), apiPath(request),
				(body != null) ? body : "", errcode));
		return ResponseEntity.ok(this.json.writeValueAsString(answer));
	}

	private static String apiPath(ServerHttpRequest request) {
		return request.getPath().pathWithinApplication().value().substring("/simulator/wx".length());
	}

	private JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(body);
			return node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(JsonNode node) {
		return node.isValueNode() ? node.asString() : "";
	}

	private static Map<String, Object> tokenAnswer(String token) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("access_token", token);
		answer.put("expires_in", FakeWechatApi.TOKEN_SECONDS);
		return answer;
	}

	private static Map<String, Object> ok() {
		return error(0, "ok");
	}

	private static Map<String, Object> error(int errcode, String errmsg) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("errcode", errcode);
		answer.put("errmsg", errmsg);
		return answer;
	}

}
