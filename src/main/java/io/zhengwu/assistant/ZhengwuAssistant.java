package io.zhengwu.assistant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Zhengwu Assistant: the WeChat official account assistant of the Ngari Prefecture government
 * service center. {@code java -jar zhengwu-assistant.jar} starts the service; a first argument
 * naming a command ({@code validate}, {@code eval}, {@code menu}) runs that command instead
 * (see {@link Commands}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ZhengwuAssistant {

	public static void main(String[] args) {
		if (Commands.isCommand(args)) {
			System.exit(Commands.run(args));
		}
		SpringApplication.run(ZhengwuAssistant.class, args);
	}

}
