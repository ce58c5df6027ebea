package io.zhengwu.assistant.simulator;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Where this app's own web server listens, known once it has started (the port may be random).
 * The simulator reaches the webhook, and WxJava reaches the fake WeChat API, over loopback.
 */
class LocalServer implements ApplicationListener<ReactiveWebServerInitializedEvent> {

	private volatile int port;

	LocalServer() {
	}

	/** A server already listening on {@code port}. */
	LocalServer(int port) {
		this.port = port;
	}

	@Override
	public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
		// The management server, when on its own port, has a namespace; the app's server has none.
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.port = event.getWebServer().getPort();
		}
	}

	int port() {
		if (this.port <= 0) {
			throw new IllegalStateException("the web server has not started yet");
		}
		return this.port;
	}

	/** An absolute loopback URL of this app, e.g. {@code url("/wechat/callback")}. */
	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

}
