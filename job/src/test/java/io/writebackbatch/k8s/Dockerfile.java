package io.writebackbatch.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small reader of k8s/image/Dockerfile: the build arguments declared before the first
 * stage, the stages (their base resolved from those arguments' defaults) and their
 * instructions (continuations joined).
 */
record Dockerfile(Map<String, String> globalArgs, List<Dockerfile.Stage> stages) {

	static final Path PATH = Kustomize.PROJECT.resolve("k8s/image/Dockerfile");

	/**
	 * The jarmode tools layers, in the order Boot's layers.idx lists them and the image
	 * must copy them.
	 */
	static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	record Instruction(String keyword, String arguments) {
	}

	record Stage(String from, String name, List<Instruction> instructions) {

		List<Instruction> all(String keyword) {
			return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
		}
	}

	static Dockerfile read() {
		try {
			return parse(Files.readAllLines(PATH));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Dockerfile parse(List<String> lines) {
		List<String> logical = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String raw : lines) {
			String line = raw.strip();
			if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (line.endsWith("\\")) {
				current.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			current.append(line);
			logical.add(current.toString().strip());
			current.setLength(0);
		}
		Map<String, String> globalArgs = new LinkedHashMap<>();
		List<Stage> stages = new ArrayList<>();
		for (String instruction : logical) {
			String[] parts = instruction.split("\\s+", 2);
			String keyword = parts[0].toUpperCase(Locale.ROOT);
			String args = parts.length > 1 ? parts[1].strip() : "";
			if (keyword.equals("FROM")) {
				String[] from = args.split("\\s+");
				String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
				stages.add(new Stage(expand(from[0], globalArgs), name, new ArrayList<>()));
			}
			else if (stages.isEmpty()) {
				if (!keyword.equals("ARG")) {
					throw new IllegalArgumentException("instruction before the first FROM: " + instruction);
				}
				String[] arg = args.split("=", 2);
				globalArgs.put(arg[0], arg.length > 1 ? arg[1] : "");
			}
			else {
				stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, args));
			}
		}
		return new Dockerfile(globalArgs, stages);
	}

	/** {@code ${NAME}} replaced by the argument's value, as Docker expands it. */
	static String expand(String text, Map<String, String> args) {
		Matcher reference = Pattern.compile("\\$\\{(\\w+)}").matcher(text);
		StringBuilder expanded = new StringBuilder();
		while (reference.find()) {
			String name = reference.group(1);
			if (!args.containsKey(name)) {
				throw new IllegalArgumentException("${" + name + "} is not a declared ARG in " + text);
			}
			reference.appendReplacement(expanded, Matcher.quoteReplacement(args.get(name)));
		}
		return reference.appendTail(expanded).toString();
	}

	Stage last() {
		return stages.get(stages.size() - 1);
	}

	/**
	 * The layer directories the final stage copies from the builder stage's extraction,
	 * in order.
	 */
	List<String> copiedLayers() {
		List<String> layers = new ArrayList<>();
		for (Instruction copy : last().all("COPY")) {
			if (!copy.arguments().matches("--from=\\S+ \\S*/extracted/.*")) {
				continue;
			}
			String[] words = copy.arguments().split("\\s+");
			String source = words[1].replaceAll("/+$", "");
			layers.add(source.substring(source.lastIndexOf('/') + 1));
		}
		return layers;
	}
}
