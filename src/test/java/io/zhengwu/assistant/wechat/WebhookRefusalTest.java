package io.zhengwu.assistant.wechat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zhengwu.assistant.knowledge.KnowledgeSearch;
import io.zhengwu.assistant.knowledge.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken requests are refused before they reach the business code: each with its
 * status, an empty body, no state left in Redis, and no secret or file content in any reply or log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import(WebhookTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class WebhookRefusalTest {

	static final String TOKEN = WechatConfiguration.generateToken();

	static final String AES_KEY = WechatConfiguration.generateAesKey();

	static final String APP_ID = "wxrefuse" + TOKEN.substring(0, 10);

	@DynamicPropertySource
	static void account(DynamicPropertyRegistry registry) {
		registry.add("zhengwu.wechat.app-id", () -> APP_ID);
		registry.add("zhengwu.wechat.token", () -> TOKEN);
		registry.add("zhengwu.wechat.aes-key", () -> AES_KEY);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	KnowledgeSearch knowledge;

	@Test
	void aPostWithoutSignatureIsRefusedWith403(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		this.client.post()
			.uri("/wechat/callback?timestamp=" + Citizen.now() + "&nonce=1")
			.contentType(MediaType.TEXT_XML)
			.bodyValue(citizen.text("身份证丢了"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.isEmpty();
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void aPostSignedWithAnotherTokenIsRefusedWith403(CapturedOutput output) {
		Citizen stranger = new Citizen(this.client, "another-token", APP_ID);
		stranger.post(stranger.text("身份证丢了")).expectStatus().isForbidden().expectBody().isEmpty();
		assertNothingLeftAbout(stranger, output);
	}

	@Test
	void aPostWithATimestampOutsideTheWindowIsRefusedWith403EvenWhenSigned(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		// Well outside the ±300 s window: one second outside, a request crossing a second boundary on
		// its way (a loaded machine) arrived with a skew of 300 s and was rightly accepted.
		for (long skew : new long[] { -330, 330 }) {
			String timestamp = Long.toString(Instant.now().getEpochSecond() + skew);
			signedPost(timestamp, citizen.text("身份证丢了")).expectStatus().isForbidden().expectBody().isEmpty();
		}
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void aBodyOver64KiBIsRefusedWith413(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String huge = citizen.text("身份证".repeat(23_000));
		assertThat(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
		signedPost(Citizen.now(), huge).expectStatus().isEqualTo(413).expectBody().isEmpty();
		// Without a Content-Length (chunked), reading stops at the limit.
		String timestamp = Citizen.now();
		this.client.post()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", Signatures.sign(TOKEN, timestamp, "n1"))
				.queryParam("timestamp", timestamp)
				.queryParam("nonce", "n1")
				.build())
			.contentType(MediaType.TEXT_XML)
			.body(reactor.core.publisher.Flux.just(huge.substring(0, 30_000), huge.substring(30_000)), String.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413);
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void aBodyJustUnder64KiBIsRead() {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String big = citizen.text("你好").replace("</xml>", "<Padding>" + "x".repeat(60_000) + "</Padding></xml>");
		assertThat(Citizen.content(citizen.ask(big))).isEqualTo(this.knowledge.reply("greeting", Language.ZH, Map.of()));
	}

	@Test
	void aDocumentTypeIsRefusedWith400(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ELEMENT xml ANY>]>" + citizen.text("身份证丢了");
		citizen.post(xml).expectStatus().isBadRequest().expectBody().isEmpty();
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void anEntityIsRefusedWith400(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String xml = citizen.text("身份证&lol;丢了").replace("<xml>", "<!ENTITY lol \"lol\"><xml>");
		citizen.post(xml).expectStatus().isBadRequest().expectBody().isEmpty();
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void malformedXmlIsRefusedWith400(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		citizen.post(citizen.text("身份证丢了").replace("</xml>", "")).expectStatus().isBadRequest().expectBody().isEmpty();
		citizen.post("").expectStatus().isBadRequest().expectBody().isEmpty();
		citizen.post("not xml at all").expectStatus().isBadRequest().expectBody().isEmpty();
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void anEncryptedMessageWithAWrongMsgSignatureIsRefusedWith403(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		WxCryptUtil crypt = new WxCryptUtil(TOKEN, AES_KEY, APP_ID);
		WxCryptUtil.EncryptContext context = crypt.encryptContext(citizen.text("身份证丢了"));
		this.client.post()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", Signatures.sign(TOKEN, context.getTimeStamp(), context.getNonce()))
				.queryParam("timestamp", context.getTimeStamp())
				.queryParam("nonce", context.getNonce())
				.queryParam("encrypt_type", "aes")
				.queryParam("msg_signature", Signatures.sign(TOKEN, context.getTimeStamp(), context.getNonce(), "other"))
				.build())
			.contentType(MediaType.TEXT_XML)
			.bodyValue("<xml><Encrypt><![CDATA[" + context.getEncrypt() + "]]></Encrypt></xml>")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.isEmpty();
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void anEncryptedMessageForAnotherAppIdIsRefusedWith403(CapturedOutput output) {
		Citizen citizen = new Citizen(this.client, TOKEN, "wxsomeoneelse00000");
		EntityExchangeResult<String> result = citizen.postEncrypted(citizen.text("身份证丢了"), AES_KEY);
		assertThat(result.getStatus().value()).isEqualTo(403);
		assertThat(result.getResponseBody()).isNullOrEmpty();
		assertNothingLeftAbout(citizen, output);
	}

	@Test
	void anXxePayloadPointingAtALocalFileIsRefusedAndTheFileContentAppearsNowhere(@TempDir Path dir,
			CapturedOutput output) throws Exception {
		String secret = "SECRET-" + UUID.randomUUID();
		Path file = Files.writeString(dir.resolve("secret.txt"), secret);
		Citizen citizen = new Citizen(this.client, TOKEN, APP_ID);
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>"
				+ citizen.text("PLACEHOLDER").replace("<![CDATA[PLACEHOLDER]]>", "&xxe;");
		assertThat(xxe).contains("&xxe;").contains("SYSTEM");

		String plain = citizen.post(xxe).expectStatus().isBadRequest().expectBody(String.class).returnResult()
			.getResponseBody();
		EntityExchangeResult<String> encrypted = citizen.postEncrypted(xxe, AES_KEY);
		assertThat(encrypted.getStatus().value()).isEqualTo(400);

		assertThat(String.valueOf(plain)).doesNotContain(secret);
		assertThat(String.valueOf(encrypted.getResponseBody())).doesNotContain(secret);
		assertNothingLeftAbout(citizen, output);
		assertThat(output.getAll()).doesNotContain(secret);
	}

	private WebTestClient.ResponseSpec signedPost(String timestamp, String xml) {
		return this.client.post()
			.uri((uri) -> uri.path("/wechat/callback")
				.queryParam("signature", Signatures.sign(TOKEN, timestamp, "n1"))
				.queryParam("timestamp", timestamp)
				.queryParam("nonce", "n1")
				.build())
			.contentType(MediaType.TEXT_XML)
			.bodyValue(xml)
			.exchange();
	}

	/** Nothing stored about the citizen, no secret in the logs, the refusal logged. */
	private void assertNothingLeftAbout(Citizen citizen, CapturedOutput output) {
		List<String> keys = this.redis.scan(ScanOptions.scanOptions().match("*" + citizen.openId + "*").build())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(keys).isEmpty();
		assertThat(output.getAll()).contains("Refused a webhook request")
			.doesNotContain(TOKEN)
			.doesNotContain(AES_KEY)
			.doesNotContain(citizen.openId);
	}

}
