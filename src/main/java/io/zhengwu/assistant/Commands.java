package io.zhengwu.assistant;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

import io.zhengwu.assistant.knowledge.KnowledgeCommands;
import io.zhengwu.assistant.wechat.MenuCommand;

/**
 * The command-line commands of the jar, run without starting the web server. Each feature
 * registers its command here: {@code validate} and {@code eval} (knowledge), {@code menu publish}
 * (wechat).
 */
final class Commands {

	private static final Map<String, ToIntFunction<String[]>> COMMANDS = new LinkedHashMap<>();

	static {
		COMMANDS.put("validate", KnowledgeCommands::validate);
		COMMANDS.put("eval", KnowledgeCommands::eval);
		COMMANDS.put("menu", MenuCommand::run);
	}

	private Commands() {
	}

	static boolean isCommand(String[] args) {
		return args.length > 0 && COMMANDS.containsKey(args[0]);
	}

	/** Runs the command named by {@code args[0]} with the remaining arguments; returns the exit code. */
	static int run(String[] args) {
		return COMMANDS.get(args[0]).applyAsInt(Arrays.copyOfRange(args, 1, args.length));
	}

}
