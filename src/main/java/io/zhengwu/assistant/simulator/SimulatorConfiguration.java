package io.zhengwu.assistant.simulator;

import io.zhengwu.assistant.wechat.WechatAccount;
import me.chanjar.weixin.mp.api.WxMpService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulator's beans, present only when no AppSecret is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
class SimulatorConfiguration {

	@Bean
	FakeWechatApi fakeWechatApi() {
		return new FakeWechatApi();
	}

	@Bean
	LocalServer simulatorLocalServer() {
		return new LocalServer();
	}

	@Bean
	WxJavaToFakeApi wxJavaToFakeApi(ObjectProvider<WxMpService> clients) {
		return new WxJavaToFakeApi(clients);
	}

	/** The account as the webhook knows it, with the token and key generated at start-up if unset. */
	@Bean
	SimulatedAccount simulatedAccount(WechatAccount account) {
		return new SimulatedAccount(account.appId(), account.token(), account.aesKey(), SimulatedAccount.ORIGINAL_ID);
	}

	@Bean
	SimulatedMenu simulatedMenu(FakeWechatApi api) {
		return new SimulatedMenu(api, SimulatedMenu.MENU_FILE);
	}

	@Bean
	WebhookDelivery webhookDelivery(SimulatedAccount account, LocalServer server) {
		return new WebhookDelivery(account, server);
	}

}
