package io.zhengwu.assistant.simulator;

import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Points every WxJava client of the app at the fake WeChat API once the web server's port is
 * known: the api, mp and open hosts all become {@code http://127.0.0.1:<port>/simulator/wx}, so
 * tokens, customer-service messages and the menu go to the fake, never to WeChat.
 */
class WxJavaToFakeApi implements ApplicationListener<ReactiveWebServerInitializedEvent> {

	private static final Log log = LogFactory.getLog(WxJavaToFakeApi.class);

	private final ObjectProvider<WxMpService> clients;

	WxJavaToFakeApi(ObjectProvider<WxMpService> clients) {
		this.clients = clients;
	}

	@Override
	public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		String base = "http://127.0.0.1:" + event.getWebServer().getPort() + "/simulator/wx";
		this.clients.orderedStream().forEach((client) -> point(client, base));
	}

	static void point(WxMpService client, String base) {
		WxMpHostConfig hosts = new WxMpHostConfig();
		hosts.setApiHost(base);
		hosts.setMpHost(base);
		hosts.setOpenHost(base);
		client.getWxMpConfigStorage().setHostConfig(hosts);
		log.info("WeChat simulator: WxJava now calls the fake WeChat API at " + base);
	}

}
