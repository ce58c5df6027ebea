package io.zhengwu.assistant.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.zhengwu.assistant.handoff.HandoffRefusedException;

/** How the console API reports errors: one place, as RFC 9457 problem details the page shows. */
@RestControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

	@ExceptionHandler
	ProblemDetail refused(HandoffRefusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("此对话当前不能这样操作");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(ChatNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badAccount(AccountRefusedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
