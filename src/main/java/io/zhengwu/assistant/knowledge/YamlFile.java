package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML file read as a node tree (SnakeYAML's compose API, which builds no Java objects, so a
 * file can never make us instantiate a class) with helpers that report problems with line numbers.
 */
final class YamlFile {

	private final String name;

	private final List<Problem> problems;

	private YamlFile(String name, List<Problem> problems) {
		this.name = name;
		this.problems = problems;
	}

	/** Reads a file; returns null (with the problem added) when it is not well-formed YAML. */
	static Node read(Path file, String name, List<Problem> problems) {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(20);
		options.setCodePointLimit(2 * 1024 * 1024);
		options.setAllowRecursiveKeys(false);
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Node root = new Yaml(options).compose(reader);
			if (root == null) {
				problems.add(new Problem(name, 1, "the file is empty"));
			}
			return root;
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			problems.add(new Problem(name, line, "not valid YAML: " + ex.getProblem()));
			return null;
		}
		catch (YAMLException | IOException ex) {
			problems.add(new Problem(name, 0, "cannot be read: " + ex.getMessage()));
			return null;
		}
	}

	static YamlFile reporting(String name, List<Problem> problems) {
		return new YamlFile(name, problems);
	}

	String name() {
		return this.name;
	}

	static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	void error(Node node, String message) {
		this.problems.add(new Problem(this.name, (node != null) ? line(node) : 0, message));
	}

	/** The keys of a mapping in file order; duplicate keys are reported. Null when not a mapping. */
	Map<String, Node> mapping(Node node, String what) {
		if (!(node instanceof MappingNode mappingNode)) {
			error(node, what + " must be a mapping (key: value lines)");
			return null;
		}
		Map<String, Node> entries = new LinkedHashMap<>();
		for (NodeTuple tuple : mappingNode.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				error(tuple.getKeyNode(), "a key in " + what + " is not plain text");
				continue;
			}
			if (entries.containsKey(key.getValue())) {
				error(key, "'" + key.getValue() + "' appears twice in " + what);
				continue;
			}
			entries.put(key.getValue(), tuple.getValueNode());
		}
		return entries;
	}

	/** Reports keys other than the allowed ones (usually a typo that would silently lose a fact). */
	void onlyKeys(Map<String, Node> entries, List<String> allowed, String what, Node owner) {
		if (entries == null) {
			return;
		}
		for (Map.Entry<String, Node> entry : entries.entrySet()) {
			if (!allowed.contains(entry.getKey())) {
				error(entry.getValue(), "unknown field '" + entry.getKey() + "' in " + what + " (allowed: "
						+ String.join(", ", allowed) + ")");
			}
		}
	}

	static boolean isNull(Node node) {
		return node == null || (node instanceof ScalarNode scalar
				&& (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isBlank()));
	}

	/** A non-empty text, or null with the problem reported. */
	String text(Node node, String what, Node owner) {
		if (isNull(node)) {
			error((node != null) ? node : owner, what + " is missing or empty");
			return null;
		}
		if (!(node instanceof ScalarNode scalar)) {
			error(node, what + " must be plain text");
			return null;
		}
		return scalar.getValue().strip();
	}

	List<Node> sequence(Node node, String what, Node owner) {
		if (isNull(node)) {
			error((node != null) ? node : owner, what + " is missing");
			return null;
		}
		if (!(node instanceof SequenceNode sequence)) {
			error(node, what + " must be a list");
			return null;
		}
		return new ArrayList<>(sequence.getValue());
	}

}
