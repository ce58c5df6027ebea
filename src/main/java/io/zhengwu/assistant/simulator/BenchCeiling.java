package io.zhengwu.assistant.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ceiling for the webhook benchmark ({@code bench/webhook.sh}): a bare WebFlux endpoint on the
 * same server, filters and security as the webhook, that reads the posted body and returns a fixed
 * passive reply of a typical answer's size, doing nothing else. Only with the simulator and
 * {@code zhengwu.simulator.bench-ceiling=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
@ConditionalOnProperty(name = "zhengwu.simulator.bench-ceiling", havingValue = "true")
class BenchCeiling {

	static final String REPLY = reply("【居民身份证挂失补领】\n"
			+ "所需材料：\n1. 居民户口簿（原件1份）\n2. 证件照片（电子版）\n办理时限：新证法定60日内发放；临时身份证3日内发放。\n"
			+ "费用：补领工本费40元；临时身份证10元。\n地点：公安户政窗口或派出所，阿里地区政务服务中心（狮泉河镇）\n"
			+ "时间：工作日办理。\n网上办理：补领须本人到场。\n详细说明：http://localhost:8080/guides/id-card-lost?lang=zh");

	private static String reply(String content) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("ToUserName", "oBenchCeiling000000000000000");
		fields.put("FromUserName", SimulatedAccount.ORIGINAL_ID);
		fields.put("CreateTime", 1764300000L);
		fields.put("MsgType", "text");
		fields.put("Content", content);
		return WechatXml.write(fields);
	}

	/** A functional endpoint, like the webhook's, so that the two compare like for like. */
	@Bean
	RouterFunction<ServerResponse> benchCeilingRoutes() {
		return RouterFunctions.route()
			.POST("/simulator/bench/fixed", (request) -> request.bodyToMono(String.class)
				.defaultIfEmpty("")
				.flatMap((ignored) -> ServerResponse.ok().contentType(MediaType.APPLICATION_XML).bodyValue(REPLY)))
			.build();
	}

}
