package io.writebackbatch.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * docs/reference/settings.md: every setting of every {@code @ConfigurationProperties}
 * record of the job, with its environment variable, type, default (the record's
 * {@code @DefaultValue}) and meaning (the record's {@code @param} documentation).
 */
final class SettingsReference {

	/**
	 * A block tag of a comment: from a line that starts with it to the next such line.
	 */
	private static final Pattern TAG = Pattern.compile("(?m)^@(\\w+)\\s+(\\w+)\\s+((?:(?!^@)[\\s\\S])*)");

	private SettingsReference() {
	}

	static String render() {
		StringBuilder page = new StringBuilder(ReferencePage.header("Settings reference",
				"Every setting the job binds, by prefix. Set one in `config/application.yaml`, as a `--name=value` "
						+ "argument, or as an environment variable (Spring's relaxed binding: the name in capitals, "
						+ "dots as underscores, dashes dropped). What the settings are for, with examples: "
						+ "[Configuration and credentials](../guide/configuration.md).",
				"SettingsReference"));
		for (Class<?> properties : records()) {
			String prefix = properties.getAnnotation(ConfigurationProperties.class).value();
			Javadoc doc = Javadoc.of(properties);
			page.append("## `").append(prefix).append("`\n\n");
			if (!doc.summary().isEmpty()) {
				page.append(doc.summary()).append("\n\n");
			}
			page.append("| setting | environment variable | type | default | meaning |\n|---|---|---|---|---|\n");
			RecordComponent[] components = properties.getRecordComponents();
			Parameter[] parameters = canonicalConstructor(properties).getParameters();
			for (int i = 0; i < components.length; i++) {
				RecordComponent component = components[i];
				String name = prefix + "." + kebab(component.getName());
				DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
				page.append("| `")
					.append(name)
					.append("` | `")
					.append(environmentVariable(name))
					.append("` | ")
					.append(type(component.getGenericType()))
					.append(" | ")
					.append((value != null) ? "`" + String.join(",", value.value()) + "`" : "none")
					.append(" | ")
					.append(doc.params().getOrDefault(component.getName(), "").replace("|", "\\|"))
					.append(" |\n");
			}
			page.append('\n');
		}
		page.append("## Other settings\n\nRead with `@Value` where they are used.\n\n")
			.append("| setting | environment variable | default | read by |\n|---|---|---|---|\n");
		valueSettings().forEach((setting, reader) -> {
			String[] nameAndDefault = setting.split(":", 2);
			page.append("| `")
				.append(nameAndDefault[0])
				.append("` | `")
				.append(environmentVariable(nameAndDefault[0]))
				.append("` | ")
				.append((nameAndDefault.length == 2) ? "`" + nameAndDefault[1] + "`" : "none")
				.append(" | `")
				.append(reader)
				.append("` |\n");
		});
		return page.toString();
	}

	private static String environmentVariable(String setting) {
		return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
	}

	/**
	 * {@code writeback.*} placeholders of {@code @Value} parameters and fields, by class.
	 */
	private static Map<String, String> valueSettings() {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter((reader, factory) -> true);
		Map<String, String> settings = new TreeMap<>();
		for (var bean : scanner.findCandidateComponents("io.writebackbatch")) {
			Class<?> type = ClassUtils.resolveClassName(bean.getBeanClassName(),
					SettingsReference.class.getClassLoader());
			Stream
				.concat(Arrays.stream(type.getDeclaredConstructors()).flatMap(c -> Arrays.stream(c.getParameters())),
						Arrays.stream(type.getDeclaredFields()))
				.map(element -> element.getAnnotation(Value.class))
				.filter(value -> value != null && value.value().startsWith("${writeback."))
				.forEach(value -> settings.put(value.value().substring(2, value.value().length() - 1),
						type.getSimpleName()));
		}
		return settings;
	}

	private static List<Class<?>> records() {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		return scanner.findCandidateComponents("io.writebackbatch")
			.stream()
			.map(bean -> ClassUtils.resolveClassName(bean.getBeanClassName(), SettingsReference.class.getClassLoader()))
			.filter(Class::isRecord)
			.sorted(Comparator.comparing(c -> c.getAnnotation(ConfigurationProperties.class).value()))
			.collect(Collectors.toList());
	}

	private static Constructor<?> canonicalConstructor(Class<?> type) {
		try {
			return type.getDeclaredConstructor(
					Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new));
		}
		catch (NoSuchMethodException e) {
			throw new IllegalStateException(type + " is a record without its canonical constructor", e);
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static String type(Type type) {
		if (type instanceof ParameterizedType list) {
			return "list of " + type(list.getActualTypeArguments()[0]);
		}
		Class<?> raw = (Class<?>) type;
		if (raw.isEnum()) {
			return "one of " + Arrays.stream(raw.getEnumConstants())
				.map(e -> "`" + ((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-') + "`")
				.collect(Collectors.joining(", "));
		}
		return switch (raw.getSimpleName()) {
			case "Duration" -> "duration (`30s`, `5m`, `7d`)";
			case "int", "long" -> "whole number";
			case "double" -> "number";
			case "boolean" -> "`true` or `false`";
			case "Path" -> "path";
			default -> "text";
		};
	}

	/**
	 * The class comment of a record, read from its source: its summary and its params.
	 */
	record Javadoc(String summary, Map<String, String> params) {

		static Javadoc of(Class<?> type) {
			Path source = MarkdownPage.ROOT.resolve("job/src/main/java")
				.resolve(type.getName().replace('.', '/') + ".java");
			String text;
			try {
				text = Files.readString(source);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			int annotation = text.indexOf("@ConfigurationProperties(");
			int start = text.lastIndexOf("/**", annotation);
			int end = text.indexOf("*/", start);
			String comment = text.substring(start + 3, end).replaceAll("(?m)^\\s*\\* ?", "");
			Matcher m = TAG.matcher(comment);
			int firstTag = m.find() ? m.start() : -1;
			Map<String, String> params = new LinkedHashMap<>();
			for (boolean found = firstTag >= 0; found; found = m.find()) {
				if (m.group(1).equals("param")) {
					params.put(m.group(2), plain(m.group(3)));
				}
			}
			return new Javadoc(plain((firstTag < 0) ? comment : comment.substring(0, firstTag)), params);
		}

		private static String plain(String javadoc) {
			return javadoc.replaceAll("\\{@(?:code|literal) ([^}]*)}", "`$1`")
				.replaceAll("\\{@link(?:plain)? ([^}]*)}", "`$1`")
				.replaceAll("<p>", "")
				.replaceAll("\\s+", " ")
				.trim();
		}

	}

}
