package io.writebackbatch.definition;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds one strict YAML file (a job definition, the fleet file) to its records: the YAML
 * a file must not rely on is refused first ({@link StrictYaml}), then every unknown
 * field, bad value or wrong shape becomes an {@link InvalidDefinitionException} naming
 * the file, line and field.
 *
 * @param <T> the record the whole file binds to
 */
final class StrictYamlReader<T> {

	/**
	 * What kind of file it is, for messages: {@code what} ("definition", "fleet file")
	 * and where its examples are.
	 */
	record Kind(String what, String examples) {
	}

	private final YAMLMapper mapper = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // maxChanges: 2.9 is
																// refused, not read as 2
		.build();

	private final Class<T> root;

	private final Set<Class<?>> sections;

	private final Kind kind;

	/**
	 * @param sections the records the file is made of (the root among them), field by
	 * field; values of other types are leaves
	 */
	StrictYamlReader(Class<T> root, Set<Class<?>> sections, Kind kind) {
		this.root = root;
		this.sections = sections;
		this.kind = kind;
	}

	/**
	 * The file's record; {@code checks} run over the field names first (after the file's
	 * YAML and field names passed).
	 */
	T read(Path file, byte[] bytes, List<FieldCheck> checks) {
		try {
			String text = StrictYaml.utf8(file, bytes);
			checkNoMergeKeys(file, bytes);
			checkFieldNames(file, bytes);
			StrictYaml.check(file, text, kind);
			for (FieldCheck check : checks) {
				forEachField(bytes, check);
			}
			T document = mapper.readValue(bytes, root);
			if (document == null) {
				throw new InvalidDefinitionException(file + ": the file is empty; " + kind.examples());
			}
			return document;
		}
		catch (UnrecognizedPropertyException e) {
			throw new InvalidDefinitionException(DefinitionProblems.where(file, e) + "unknown field '"
					+ e.getPropertyName() + "'; known fields here: " + e.getKnownPropertyIds());
		}
		catch (InvalidFormatException e) {
			throw DefinitionProblems.badValue(file, e, mapper);
		}
		catch (MismatchedInputException e) {
			throw DefinitionProblems.wrongShape(file, e, sections);
		}
		catch (DatabindException e) {
			if (DefinitionProblems.rootCause(e) instanceof FieldProblem problem) {
				// the record that refused stands at the exception's path (tenants[1]),
				// its
				// field below it
				String record = DefinitionProblems.fieldPath(e);
				throw problem(file, bytes, record.isEmpty() ? problem.field() : record + "." + problem.field(),
						String.valueOf(problem.getMessage()));
			}
			throw new InvalidDefinitionException(DefinitionProblems.where(file, e) + DefinitionProblems.rootMessage(e));
		}
		catch (InputCoercionException e) {
			throw new InvalidDefinitionException(
					DefinitionProblems.where(file, e) + "the number is too large (at most " + Integer.MAX_VALUE + ")");
		}
		catch (JacksonException e) {
			throw new InvalidDefinitionException(DefinitionProblems.where(file, e) + "not valid YAML: "
					+ DefinitionProblems.yamlProblem(e.getOriginalMessage())
					+ "; check quotes, brackets and indentation there");
		}
	}

	/**
	 * YAML 1.1's merge key ({@code <<: *defaults}): Jackson reads it as a field named
	 * {@code <<}, and it needs an alias, which these files refuse ({@link StrictYaml}).
	 * Checked before field names: the section holding the shared fields
	 * ({@code defaults: &defaults}) is an unknown field too, and the merge key is what
	 * explains it.
	 */
	private void checkNoMergeKeys(Path file, byte[] bytes) {
		forEachField(bytes, (parser, path) -> {
			if (parser.currentName().equals("<<")) {
				throw new InvalidDefinitionException(at(file, parser) + ": the YAML merge key '<<' is not supported: "
						+ "write the fields out in full here (a " + kind.what() + " spells out every field it uses)");
			}
		});
	}

	/**
	 * Reports a misspelt field before binding: Jackson reports unknown properties only
	 * after the record's constructor ran, so a typo such as {@code acton:} would
	 * otherwise surface as "'action' is required".
	 */
	private void checkFieldNames(Path file, byte[] bytes) {
		forEachField(bytes, (parser, path) -> {
			Class<?> section = sectionAt(path);
			if (section == null) {
				return;
			}
			List<String> known = Arrays.stream(section.getRecordComponents()).map(RecordComponent::getName).toList();
			if (!known.contains(parser.currentName())) {
				String field = indexedPathOf(parser);
				throw new InvalidDefinitionException(
						at(file, parser) + ": unknown field '" + field + "'; known fields here: " + known);
			}
		});
	}

	/**
	 * What a check does at one field name of the document; the parser stands on that
	 * name.
	 */
	interface FieldCheck {

		/**
		 * @param path the field path of the field's section, outermost first (null:
		 * inside a list element)
		 */
		void check(JsonParser parser, List<String> path);

	}

	/** Runs {@code check} at every field name of the document, in document order. */
	private void forEachField(byte[] bytes, FieldCheck check) {
		try (JsonParser parser = mapper.createParser(bytes)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.PROPERTY_NAME) {
					check.check(parser, pathOf(parser));
				}
			}
		}
	}

	/**
	 * The file and, when known, the line of the parser's current token:
	 * {@code jobs/x.yaml:12}.
	 */
	static String at(Path file, JsonParser parser) {
		int line = parser.currentTokenLocation().getLineNr();
		return file + (line < 1 ? "" : ":" + line);
	}

	/**
	 * The section record at a field path, or null when the path leads into a value (or
	 * nowhere known). A list of sections ({@code tenants: [...]}) leads into its
	 * element's section.
	 */
	private @Nullable Class<?> sectionAt(List<String> path) {
		Class<?> section = root;
		for (int i = 0; i < path.size(); i++) {
			String name = path.get(i);
			if (name == null) {
				continue; // a list element of the section the previous name led to
			}
			RecordComponent component = Arrays.stream(section.getRecordComponents())
				.filter(c -> c.getName().equals(name))
				.findFirst()
				.orElse(null);
			Class<?> next = component == null ? null
					: sectionOf(component, i + 1 < path.size() && path.get(i + 1) == null);
			if (next == null) {
				return null;
			}
			section = next;
		}
		return section;
	}

	/**
	 * The section a component holds: its own type, or the element type of a list of
	 * sections when {@code listed}.
	 */
	private @Nullable Class<?> sectionOf(RecordComponent component, boolean listed) {
		Class<?> type = component.getType();
		if (!listed) {
			return sections.contains(type) ? type : null;
		}
		if (List.class.isAssignableFrom(type) && component.getGenericType() instanceof ParameterizedType generic
				&& generic.getActualTypeArguments()[0] instanceof Class<?> element && sections.contains(element)) {
			return element;
		}
		return null;
	}

	/**
	 * A problem with the field at {@code field} (a path such as {@code maxChanges} or
	 * {@code tenants[1].name}), with the field's line when it is in the file.
	 */
	InvalidDefinitionException problem(Path file, byte[] bytes, String field, String problem) {
		// a field that is missing: the line of the record it is missing from
		int line = 0;
		for (String at = field; line < 1 && !at.isEmpty(); at = at.replaceFirst("(\\.\\w+|\\[\\d+])$|^\\w+$", "")) {
			line = lineOf(bytes, at);
		}
		return new InvalidDefinitionException(
				file + (line < 1 ? "" : ":" + line) + ": field '" + field + "': " + problem);
	}

	/**
	 * The line of the field at a path ({@code maxChanges}, {@code filters.createdBefore},
	 * {@code tenants[1].name}), or of a list entry's first field ({@code tenants[1]}); 0
	 * if not found.
	 */
	private int lineOf(byte[] bytes, String field) {
		try (JsonParser parser = mapper.createParser(bytes)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				String path = token == JsonToken.PROPERTY_NAME ? indexedPathOf(parser) : "";
				if (path.equals(field) || field.endsWith("]") && path.startsWith(field + ".")) {
					return parser.currentTokenLocation().getLineNr();
				}
				if (token.isScalarValue() && parser.streamReadContext().inArray()
						&& field.equals(indexedPathOf(parser))) {
					return parser.currentTokenLocation().getLineNr();
				}
			}
		}
		return 0;
	}

	/**
	 * The path of the parser's current field or list entry, with list indexes:
	 * {@code tenants[1].definitions[0]}.
	 */
	private static String indexedPathOf(JsonParser parser) {
		List<String> parts = new ArrayList<>();
		for (TokenStreamContext context = parser.streamReadContext(); context != null
				&& !context.inRoot(); context = context.getParent()) {
			parts.add(0, context.inArray() ? "[" + context.getCurrentIndex() + "]" : context.currentName());
		}
		StringBuilder path = new StringBuilder();
		for (String part : parts) {
			path.append(path.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
		}
		return path.toString();
	}

	/**
	 * The field path of the parser's current property, outermost first (null: inside a
	 * list element).
	 */
	private static List<String> pathOf(JsonParser parser) {
		List<String> path = new ArrayList<>();
		for (TokenStreamContext context = parser.streamReadContext().getParent(); context != null
				&& !context.inRoot(); context = context.getParent()) {
			path.add(0, context.inArray() ? null : context.currentName());
		}
		return path;
	}

}
