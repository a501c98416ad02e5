package io.writebackbatch.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code config/application.yaml} is the operator's reference of settings, most of them
 * commented out with their defaults: every key it names, set or commented, must be one
 * that something binds, as the configuration metadata says (the job's, generated from its
 * {@code @ConfigurationProperties} records by spring-boot-configuration-processor, and
 * Spring Boot's own). A key renamed in the code and not in the file fails here, not in an
 * operator's run that silently ignores it.
 */
class ConfigurationKeysTests {

	/**
	 * A YAML key line, set ({@code  key: value}) or commented ({@code  # key: value}):
	 * its indentation is the spaces before the key once "# " is taken away.
	 */
	private static final Pattern KEY = Pattern.compile("^( *)(?:# ?( *))?([a-z][a-z0-9-]*):(?: |$)");

	@Test
	void applicationYamlNamesOnlyKnownKeys() throws IOException {
		Set<String> known = knownProperties();
		List<String> keys = keys(Path.of("config", "application.yaml"));

		assertThat(known).as("the job's generated metadata").contains("writeback.graph.max-retries");
		assertThat(keys).as("keys of config/application.yaml").contains("writeback.graph.max-retries");
		assertThat(keys).as("keys of config/application.yaml that nothing binds (known: the configuration metadata)")
			.allMatch(known::contains);
	}

	@Test
	void aKeyNothingBindsIsCaught() {
		List<String> keys = keys(
				List.of("writeback:", "  graph:", "    # max-retrys: 8   # a typo", "    page-size: 9"));

		assertThat(keys).containsExactly("writeback.graph.max-retrys", "writeback.graph.page-size");
		assertThat(keys).doesNotContainAnyElementsOf(List.of("writeback", "writeback.graph"));
	}

	/** The full names of the leaf keys (those with a value, or nothing below them). */
	static List<String> keys(Path file) throws IOException {
		return keys(Files.readAllLines(file));
	}

	static List<String> keys(List<String> lines) {
		Deque<Key> path = new ArrayDeque<>();
		List<String> leaves = new ArrayList<>();
		Key open = null; // the last key without a value: a leaf unless a key below it
							// follows
		for (String line : lines) {
			Matcher matched = KEY.matcher(line);
			if (!matched.find()) {
				continue;
			}
			int indent = matched.group(1).length() + ((matched.group(2) != null) ? matched.group(2).length() : 0);
			if (open != null && indent <= open.indent()) {
				leaves.add(open.name());
			}
			open = null;
			while (!path.isEmpty() && path.peek().indent() >= indent) {
				path.pop();
			}
			Key key = new Key(indent, (path.isEmpty() ? "" : path.peek().name() + ".") + matched.group(3));
			path.push(key);
			if (line.substring(matched.end()).replaceFirst("#.*", "").isBlank()) {
				open = key;
			}
			else {
				leaves.add(key.name());
			}
		}
		if (open != null) {
			leaves.add(open.name());
		}
		return leaves;
	}

	/** A key of the file: how far it is indented, and its full name. */
	private record Key(int indent, String name) {
	}

	/** Every property name in the metadata on the classpath (the job's and Boot's). */
	static Set<String> knownProperties() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		Set<String> names = new HashSet<>();
		for (URL url : Collections.list(ConfigurationKeysTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					names.add(property.path("name").asString());
				}
			}
		}
		return names;
	}

}
