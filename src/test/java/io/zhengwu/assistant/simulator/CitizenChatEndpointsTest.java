package io.zhengwu.assistant.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page's own endpoints: the page and its assets, its settings, input checks, and the
 * live stream of customer-service messages.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class CitizenChatEndpointsTest {

	@Autowired
	WebTestClient http;

	@Autowired
	FakeWechatApi fake;

	String openId = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);

	@Test
	void thePageIsServedAtTheRootWithItsScriptAndStylesFromTheJar() {
		this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("/simulator/assets/chat.js", "/simulator/assets/chat.css")
				.doesNotContain("://cdn", "googleapis"));
		this.http.get()
			.uri("/simulator/assets/chat.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff");
	}

	@Test
	void onlyTheKnownAssetsAreServedNotOtherClasspathFiles() {
		this.http.get().uri("/simulator/assets/application.yaml").exchange().expectStatus().isNotFound();
		this.http.get()
			.uri("/simulator/assets/..%2Fapplication.yaml")
			.exchange()
			.expectStatus()
			.is4xxClientError()
			.expectBody(String.class)
			.value((body) -> assertThat(body == null ? "" : body).doesNotContain("WECHAT_APP_SECRET"));
	}

	@Test
	void theSettingsCarryTheMenuTheCitizenSeesWithTheDialoguesMenuKeys() {
		this.http.get()
			.uri("/simulator/chat/config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.menu.button")
			.isArray()
			.jsonPath("$.safeModeAvailable")
			.isBoolean()
			.jsonPath("$..key")
			.value((keys) -> assertThat(keys.toString()).contains("MENU_TOPICS", "MENU_LANG_ZH", "MENU_LANG_BO",
					"MENU_HUMAN"));
	}

	@Test
	void anOpenIdThatIsNotOneIsRefusedWith400() {
		send("{\"openId\":\"<script>\",\"text\":\"hi\"}").expectStatus().isBadRequest();
		send("{\"text\":\"hi\"}").expectStatus().isBadRequest();
	}

	@Test
	void anEmptyOrOverlongTextIsRefusedWith400() {
		send("{\"openId\":\"" + this.openId + "\",\"text\":\"  \"}").expectStatus().isBadRequest();
		send("{\"openId\":\"" + this.openId + "\",\"text\":\"" + "长".repeat(4001) + "\"}").expectStatus()
			.isBadRequest();
	}

	@Test
	void anEventWechatWouldNotSendIsRefusedWith400() {
		send("{\"openId\":\"" + this.openId + "\",\"event\":\"scancode_push\"}").expectStatus().isBadRequest();
	}

	@Test
	void customerServiceMessagesForTheCitizenStreamToThePageAsTheyArrive() {
		Flux<ServerSentEvent<String>> stream = this.http.get()
			.uri("/simulator/chat/events?openId=" + this.openId)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody();
		StepVerifier.create(stream.filter((event) -> event.event() != null).take(2))
			.then(() -> {
				this.fake.typing(this.openId, true);
				this.fake.accept(new FakeWechatApi.SentMessage(Instant.now(), this.openId, "text", "您好",
						"{\"touser\":\"" + this.openId + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"您好\"}}"));
			})
			.assertNext((event) -> assertThat(event.event()).isEqualTo("typing"))
			.assertNext((event) -> {
				assertThat(event.event()).isEqualTo("message");
				assertThat(event.data()).contains("\"msgType\":\"text\"", "您好");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(30));
	}

	private WebTestClient.ResponseSpec send(String json) {
		return this.http.post()
			.uri("/simulator/chat/send")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

}
