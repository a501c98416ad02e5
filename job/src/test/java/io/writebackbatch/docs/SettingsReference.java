package io.writebackbatch.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/reference/settings.md: every setting the job binds, from the configuration
 * metadata the build generates (spring-boot-configuration-processor: the
 * {@code @ConfigurationProperties} records and their {@code @param} documentation, plus
 * the {@code @Value} settings described in
 * additional-spring-configuration-metadata.json).
 */
final class SettingsReference {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private SettingsReference() {
	}

	static String render() {
		JsonNode metadata = metadata();
		Map<String, String> groupDescriptions = new TreeMap<>();
		metadata.path("groups")
			.forEach(g -> groupDescriptions.put(g.path("name").asString(), g.path("description").asString("")));
		Map<String, List<JsonNode>> byPrefix = new TreeMap<>();
		metadata.path("properties")
			.forEach(p -> byPrefix.computeIfAbsent(prefix(p.path("name").asString()), k -> new ArrayList<>()).add(p));
		StringBuilder page = new StringBuilder(ReferencePage.header("Settings reference",
				"Every setting the job binds, by prefix, from the configuration metadata the build generates. Set one "
						+ "in `config/application.yaml`, as a `--name=value` argument, or as an environment variable "
						+ "(Spring's relaxed binding: the name in capitals, dots as underscores, dashes dropped). What "
						+ "the settings are for, with examples: [Configuration and credentials](../guide/configuration.md).",
				"SettingsReference"));
		byPrefix.forEach((prefix, properties) -> {
			page.append("## `").append(prefix).append("`\n\n");
			String description = groupDescriptions.getOrDefault(prefix, "");
			if (!description.isEmpty()) {
				page.append(description).append("\n\n");
			}
			page.append("| setting | environment variable | type | default | meaning |\n|---|---|---|---|---|\n");
			for (JsonNode p : properties) {
				String name = p.path("name").asString();
				JsonNode value = p.path("defaultValue");
				page.append("| `")
					.append(name)
					.append("` | `")
					.append(name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""))
					.append("` | ")
					.append(type(p.path("type").asString()))
					.append(" | ")
					.append(value.isMissingNode() ? "none"
							: "`" + (value.isArray() ? join(value) : value.asString()) + "`")
					.append(" | ")
					.append(markdown(p.path("description").asString("")))
					.append(" |\n");
			}
			page.append('\n');
		});
		return page.toString();
	}

	private static JsonNode metadata() {
		try (InputStream in = SettingsReference.class.getClassLoader().getResourceAsStream(METADATA)) {
			if (in == null) {
				throw new IllegalStateException(METADATA + " is missing: the configuration processor did not run");
			}
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A description from Javadoc, as Markdown fit for a table cell. */
	private static String markdown(String javadoc) {
		return javadoc.replaceAll("\\{@(?:code|literal|link|linkplain) ([^}]*)}", "`$1`")
			.replace("|", "\\|")
			.replaceAll("\\s+", " ");
	}

	private static String prefix(String name) {
		return name.substring(0, name.lastIndexOf('.'));
	}

	private static String join(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(v -> values.add(v.asString()));
		return String.join(",", values);
	}

	private static String type(String javaType) {
		String raw = javaType.replaceAll("<.*", "");
		String element = javaType.contains("<") ? javaType.replaceAll(".*<(.*)>", "$1") : raw;
		String described = switch (element) {
			case "java.time.Duration" -> "duration (`30s`, `5m`, `7d`)";
			case "java.lang.Integer", "java.lang.Long", "int", "long" -> "whole number";
			case "java.lang.Double", "double" -> "number";
			case "java.lang.Boolean", "boolean" -> "`true` or `false`";
			case "java.nio.file.Path" -> "path";
			case "java.lang.String" -> "text";
			default -> enumValues(element);
		};
		return raw.equals(element) ? described : "list of " + described;
	}

	private static String enumValues(String type) {
		Class<?> enumType = ClassUtils.resolveClassName(type, SettingsReference.class.getClassLoader());
		if (!enumType.isEnum()) {
			return "`" + enumType.getSimpleName() + "`";
		}
		return "one of " + Arrays.stream(enumType.getEnumConstants())
			.map(e -> "`" + ((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-') + "`")
			.collect(Collectors.joining(", "));
	}

}
