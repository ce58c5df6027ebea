package io.zhengwu.assistant.simulator;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a real account (an AppSecret is set) the simulator does not exist: no fake WeChat API, no
 * chat page, nothing that could stand in for WeChat in production.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "zhengwu.wechat.app-secret=a-real-secret", "zhengwu.wechat.app-id=wx00000000000real",
				"zhengwu.wechat.token=realtoken" })
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class SimulatorSwitchTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	@Test
	void withAnAppSecretNoSimulatorBeanExists() {
		assertThat(this.context.getBeanNamesForType(FakeWechatApi.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(WebhookDelivery.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(FakeWechatApiEndpoints.class)).isEmpty();
	}

	@Test
	void withAnAppSecretTheFakeWechatApiAndTheChatPageAreNotServed() {
		this.http.post()
			.uri("/simulator/wx/cgi-bin/stable_token")
			.bodyValue("{\"grant_type\":\"client_credential\",\"appid\":\"x\",\"secret\":\"y\"}")
			.exchange()
			.expectStatus()
			.isNotFound();
		this.http.get().uri("/simulator/chat/menu").exchange().expectStatus().isNotFound();
		this.http.get()
			.uri("/")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body == null ? "" : body).doesNotContain("simulator"));
	}

}
