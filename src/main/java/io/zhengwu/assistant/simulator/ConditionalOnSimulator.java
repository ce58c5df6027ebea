package io.zhengwu.assistant.simulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Present only when the simulator stands in for WeChat: no AppSecret
 * ({@code zhengwu.wechat.app-secret}, {@code WECHAT_APP_SECRET}) is configured. With a real
 * account none of the simulator's beans or endpoints exist.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnSimulator.NoAppSecret.class)
@interface ConditionalOnSimulator {

	/** Matches when no AppSecret is configured. */
	class NoAppSecret extends SpringBootCondition {

		static final String APP_SECRET = "zhengwu.wechat.app-secret";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(APP_SECRET))
					? ConditionOutcome.noMatch(APP_SECRET + " is set: a real WeChat account, no simulator")
					: ConditionOutcome.match(APP_SECRET + " is empty: the simulator stands in for WeChat");
		}

	}

}
