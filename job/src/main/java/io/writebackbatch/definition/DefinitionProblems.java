package io.writebackbatch.definition;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What went wrong in a definition, in the operator's words rather than Jackson's, with
 * file:line and field.
 */
final class DefinitionProblems {

	private DefinitionProblems() {
	}

	/**
	 * A value that does not fit its field: not one of an enum's names, not a whole
	 * number.
	 */
	static InvalidDefinitionException badValue(Path file, InvalidFormatException e, YAMLMapper mapper) {
		if (e.getTargetType() != null && e.getTargetType().isEnum()) {
			String accepted = Arrays.stream(e.getTargetType().getEnumConstants())
				.map(c -> mapper.convertValue(c, String.class))
				.collect(Collectors.joining(", "));
			return new InvalidDefinitionException(
					where(file, e) + "'" + e.getValue() + "' is not allowed; use one of " + accepted);
		}
		if (e.getTargetType() == Boolean.class || e.getTargetType() == boolean.class) {
			// YAML 1.1's yes/no/on/off are text to Jackson: say so instead of its "only
			// "true" or "false" recognized" about java.lang.Boolean
			return new InvalidDefinitionException(
					where(file, e) + "'" + e.getValue() + "' is not allowed; use one of true, false");
		}
		if (e.getValue() instanceof Number number && Number.class.isAssignableFrom(e.getTargetType())) {
			return new InvalidDefinitionException(
					where(file, e) + "'" + number + "' is not a whole number; write " + "one (nothing is rounded)");
		}
		if (Number.class.isAssignableFrom(e.getTargetType())) {
			return new InvalidDefinitionException(where(file, e) + "'" + e.getValue() + "' is not a number; write a "
					+ "whole number in decimal digits, such as 500");
		}
		return new InvalidDefinitionException(where(file, e) + rootMessage(e));

	}

	/** A list where one value belongs, fields where a list belongs, and so on. */
	static InvalidDefinitionException wrongShape(Path file, MismatchedInputException e, Set<Class<?>> sections) {
		if (e.getTargetType() != null && Collection.class.isAssignableFrom(e.getTargetType())) {
			return new InvalidDefinitionException(where(file, e) + "a list is expected here ([a, b], or one '- a' "
					+ "line per entry), not a single value");
		}
		if (sections.contains(e.getTargetType())) {
			return new InvalidDefinitionException(where(file, e) + "fields are expected here (one 'name: value' line "
					+ "each, as in the examples under jobs/), not a list or a single value");
		}
		if (e.getTargetType() != null && !Collection.class.isAssignableFrom(e.getTargetType())) {
			return new InvalidDefinitionException(
					where(file, e) + "a single value is expected here, not a list or " + "fields");
		}
		return new InvalidDefinitionException(where(file, e) + rootMessage(e));

	}

	/**
	 * SnakeYAML's problem on one line, without the echoed source and caret lines (the
	 * line number is in front).
	 */
	static String yamlProblem(String message) {
		return message.lines()
			.map(String::strip)
			.filter(l -> !l.isEmpty() && !l.equals("^") && !l.startsWith("in reader") && !l.startsWith("^"))
			.filter(l -> message.lines().noneMatch(m -> m.startsWith("    ") && m.strip().equals(l)))
			.collect(Collectors.joining(": "));
	}

	static String where(Path file, JacksonException e) {
		TokenStreamLocation location = e.getLocation();
		String line = location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
		String field = fieldPath(e);
		return file + line + ": " + (field.isEmpty() ? "" : "field '" + field + "': ");
	}

	/** Where the exception stands: {@code filters.ids[2]}, {@code tenants[1]}. */
	static String fieldPath(JacksonException e) {
		return e.getPath()
			.stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	static Throwable rootCause(Throwable e) {
		Throwable cause = e;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	static @Nullable String rootMessage(DatabindException e) {
		Throwable cause = rootCause(e);
		if (cause instanceof IllegalArgumentException) {
			return cause.getMessage();
		}
		String message = e.getOriginalMessage();
		return message.contains("Cannot deserialize value of type `io.writebackbatch.")
				? message.replaceAll("`io\\.writebackbatch\\.(?:\\w+\\.)*(\\w+)`", "$1").replaceAll("\\s+at \\[.*", "")
				: message;
	}

}
