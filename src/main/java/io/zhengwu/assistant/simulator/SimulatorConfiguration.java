package io.zhengwu.assistant.simulator;

import me.chanjar.weixin.mp.api.WxMpService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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

	@Bean
	SimulatedAccount simulatedAccount(Environment environment) {
		return new SimulatedAccount(environment.getProperty("zhengwu.wechat.app-id", "wxsimulator0000000"),
				environment.getProperty("zhengwu.wechat.token", ""), environment.getProperty("zhengwu.wechat.aes-key", ""),
				SimulatedAccount.ORIGINAL_ID);
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
