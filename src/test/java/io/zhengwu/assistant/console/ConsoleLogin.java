package io.zhengwu.assistant.console;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** An officer logged in to the console of one instance through the login form: the session cookie and CSRF token. */
final class ConsoleLogin {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	final WebTestClient client;

	final String session;

	final String csrfHeader;

	final String csrfToken;

	private ConsoleLogin(WebTestClient client, String session, String csrfHeader, String csrfToken) {
		this.client = client;
		this.session = session;
		this.csrfHeader = csrfHeader;
		this.csrfToken = csrfToken;
	}

	static WebTestClient client(String baseUrl) {
		return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
	}

	/** Posts the login form; returns the result (a redirect to the desk, or back to the form). */
	static EntityExchangeResult<Void> attempt(WebTestClient client, String username, String password) {
		return prepare(client, username, password).get();
	}

	/** Fetches the login form (its session and CSRF token) now; the login is posted when the result is called. */
	static Supplier<EntityExchangeResult<Void>> prepare(WebTestClient client, String username, String password) {
		EntityExchangeResult<String> page = client.get().uri("/console/login").exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult();
		ResponseCookie cookie = page.getResponseCookies().getFirst("SESSION");
		Matcher csrf = CSRF.matcher(page.getResponseBody());
		assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", username);
		form.add("password", password);
		form.add("_csrf", csrf.group(1));
		return () -> client.post().uri("/console/login")
			.cookie("SESSION", cookie.getValue())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectBody().isEmpty();
	}

	static ConsoleLogin as(String baseUrl, String username, String password) {
		return as(baseUrl, username, password, "/console/");
	}

	static ConsoleLogin as(String baseUrl, String username, String password, String landing) {
		WebTestClient client = client(baseUrl);
		EntityExchangeResult<Void> login = attempt(client, username, password);
		assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(login.getResponseHeaders().getLocation()).hasToString(landing);
		String session = login.getResponseCookies().getFirst("SESSION").getValue();
		@SuppressWarnings("unchecked")
		Map<String, Object> me = client.get().uri("/console/api/me").cookie("SESSION", session).exchange()
			.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		assertThat(me.get("username")).isEqualTo(username);
		return new ConsoleLogin(client, session, (String) me.get("csrfHeader"), (String) me.get("csrfToken"));
	}

	WebTestClient.RequestHeadersSpec<?> get(String uri) {
		return this.client.get().uri(uri).cookie("SESSION", this.session);
	}

	WebTestClient.ResponseSpec post(String uri, Object body) {
		WebTestClient.RequestBodySpec spec = this.client.post().uri(uri).cookie("SESSION", this.session)
			.header(this.csrfHeader, this.csrfToken);
		return (body != null) ? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange() : spec.exchange();
	}

}
