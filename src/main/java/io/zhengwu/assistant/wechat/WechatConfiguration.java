package io.zhengwu.assistant.wechat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import me.chanjar.weixin.common.redis.RedisTemplateWxRedisOps;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.impl.WxMpRedisConfigImpl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The official account and the outbound WeChat API client.
 */
@Configuration(proxyBeanMethods = false)
class WechatConfiguration {

	/** The AppID used when the simulator stands in and none is configured. */
	static final String SIMULATED_APP_ID = "wxsimulator0000000";

	/** Prefix of WxJava's Redis keys: the access token and its lock, shared by all instances. */
	static final String TOKEN_KEY_PREFIX = "zw:wechat";

	private static final SecureRandom random = new SecureRandom();

	@Bean
	RouterFunction<ServerResponse> wechatCallbackRoutes(WechatCallback callback) {
		return callback.routes();
	}

	@Bean
	WechatAccount wechatAccount(WechatProperties properties) {
		if (!properties.simulated()) {
			if (!StringUtils.hasText(properties.appId()) || !StringUtils.hasText(properties.token())) {
				throw new IllegalStateException(
						"WECHAT_APP_SECRET is set, so WECHAT_APP_ID and WECHAT_TOKEN must be set too");
			}
			return new WechatAccount(properties.appId(), properties.token(), properties.aesKey(),
					properties.aesKeyPrevious(), false);
		}
		String appId = StringUtils.hasText(properties.appId()) ? properties.appId() : SIMULATED_APP_ID;
		String token = properties.token();
		String aesKey = properties.aesKey();
		StringBuilder generated = new StringBuilder();
		if (!StringUtils.hasText(token)) {
			token = generateToken();
			generated.append("    Token:          ").append(token).append('\n');
		}
		if (!StringUtils.hasText(aesKey)) {
			aesKey = generateAesKey();
			generated.append("    EncodingAESKey: ").append(aesKey).append('\n');
		}
		if (!generated.isEmpty()) {
			// Printed, not logged, once: generated for the local stand-in, these are not real secrets.
			System.out.println("\n  WeChat simulator (no WECHAT_APP_SECRET set), generated for this run:\n" + generated
					+ "  Set WECHAT_TOKEN / WECHAT_AES_KEY to keep them across restarts.\n");
		}
		return new WechatAccount(appId, token, aesKey, properties.aesKeyPrevious(), true);
	}

	/**
	 * The WxJava client. Its access token lives in Redis (WxJava's Redis config over Spring Data
	 * Redis), fetched through the stable-token API, so all instances share one token; on a token
	 * error WxJava drops it and fetches again once, without {@code force_refresh}, so instances never
	 * invalidate each other's token in a loop.
	 */
	@Bean
	WxMpService wxMpService(WechatProperties properties, WechatAccount account, StringRedisTemplate redis) {
		WxMpRedisConfigImpl config = new WxMpRedisConfigImpl(new RedisTemplateWxRedisOps(redis), TOKEN_KEY_PREFIX);
		config.setAppId(account.appId());
		config.setSecret(properties.appSecret());
		config.setToken(account.token());
		config.setAesKey(account.aesKey());
		config.setUseStableAccessToken(true);
		WxMpServiceImpl service = new WxMpServiceImpl();
		service.setWxMpConfigStorage(config);
		// WeChat's "system busy" (-1) is retried with sleeps; keep that short, the caller reports the rest.
		service.setMaxRetryTimes(2);
		return service;
	}

	static String generateToken() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	static String generateAesKey() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getEncoder().withoutPadding().encodeToString(bytes);
	}

}
