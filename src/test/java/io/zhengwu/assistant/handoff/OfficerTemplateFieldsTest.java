package io.zhengwu.assistant.handoff;

import java.util.Map;

import io.zhengwu.assistant.handoff.OfficerTemplateFields.Item;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OfficerTemplateFieldsTest {

	@Test
	void theClassicTemplateGetsEveryItemInItsField() {
		Map<String, String> data = OfficerTemplateFields.parse(OfficerTemplateFields.CLASSIC)
			.data(Map.of(Item.HEADING, "有群众在等待", Item.REASON, "群众要求人工服务", Item.WAITING, "3", Item.TIME,
					"2026-11-29 10:30", Item.REMARK, "请登录值班台"));
		assertThat(data).containsExactly(Map.entry("first", "有群众在等待"), Map.entry("keyword1", "群众要求人工服务"),
				Map.entry("keyword2", "3"), Map.entry("keyword3", "2026-11-29 10:30"), Map.entry("remark", "请登录值班台"));
	}

	@Test
	void anEmptyMappingIsTheClassicTemplate() {
		assertThat(OfficerTemplateFields.parse(" ")).isEqualTo(OfficerTemplateFields.parse(OfficerTemplateFields.CLASSIC));
	}

	@Test
	void anItemLeftOutOfTheMappingIsNotSent() {
		Map<String, String> data = OfficerTemplateFields.parse("reason=thing1,time=time2")
			.data(Map.of(Item.HEADING, "标题", Item.REASON, "原因", Item.WAITING, "3", Item.TIME, "2026-11-29 10:30"));
		assertThat(data).containsOnlyKeys("thing1", "time2");
	}

	@Test
	void aValueIsFittedToTheTwentyCharactersOnOneLineThatWechatShows() {
		assertThat(OfficerTemplateFields.fitted("群众要求人工服务")).isEqualTo("群众要求人工服务");
		assertThat(OfficerTemplateFields.fitted("群众要求人工服务 / ལས་བྱེད་པ་དང་འབྲེལ་བ་བྱེད་འདོད།"))
			.as("a bilingual value too long keeps its Chinese half")
			.isEqualTo("群众要求人工服务");
		assertThat(OfficerTemplateFields.fitted("第一行\n第二行")).isEqualTo("第一行 第二行");
		String cut = OfficerTemplateFields.fitted("一二三四五六七八九十一二三四五六七八九十一二");
		assertThat(cut).hasSize(20).endsWith("…").startsWith("一二三四五六七八九十一二三四五六七八九");
	}

	@Test
	void aWrongMappingIsRefusedWithWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> OfficerTemplateFields.parse("reason=thing1,who=thing2"))
			.withMessageContaining("unknown item 'who'");
		assertThatIllegalArgumentException().isThrownBy(() -> OfficerTemplateFields.parse("reason"))
			.withMessageContaining("not item=field");
		assertThatIllegalArgumentException().isThrownBy(() -> OfficerTemplateFields.parse("reason=thing1,time=thing1"))
			.withMessageContaining("field 'thing1' is given twice");
		assertThatIllegalArgumentException().isThrownBy(() -> OfficerTemplateFields.parse("reason=thing 1"))
			.withMessageContaining("not a template field name");
		assertThatIllegalArgumentException().isThrownBy(() -> OfficerTemplateFields.parse(" , "))
			.withMessageContaining("no item=field pair");
	}

	@Test
	void theServiceDoesNotStartWithAWrongMapping() {
		new ApplicationContextRunner().withUserConfiguration(HandoffSettings.class)
			.withPropertyValues("zhengwu.handoff.officer-template-fields=reason=thing1,who=thing2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("unknown item 'who'"));
		new ApplicationContextRunner().withUserConfiguration(HandoffSettings.class)
			.run((context) -> assertThat(context.getBean(HandoffProperties.class).templateFields())
				.isEqualTo(OfficerTemplateFields.parse(OfficerTemplateFields.CLASSIC)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HandoffProperties.class)
	static class HandoffSettings {

	}

}
