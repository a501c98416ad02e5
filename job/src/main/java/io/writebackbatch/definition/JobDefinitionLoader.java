package io.writebackbatch.definition;

import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
 * Reads and validates a job definition; every problem becomes an
 * {@link InvalidDefinitionException}.
 */
public final class JobDefinitionLoader {

	/** A definition is a page of YAML; ids in bulk belong in an id list file. */
	static final long MAX_DEFINITION_BYTES = 10_000_000L;

	private final YAMLMapper mapper = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // maxChanges: 2.9 is
																// refused, not read as 2
		.build();

	/**
	 * Loads the definition at {@code path} as the user named it: a symlinked definition's
	 * id files are read from the link's folder, not its target's (a Kubernetes ConfigMap
	 * mounts each key as a link into a hidden folder, and the id file named next to it is
	 * the one mounted next to it).
	 */
	public JobDefinition load(Path path) {
		if (path.toString().isBlank()) {
			// an empty path would name the working directory: "not a regular file (a
			// directory)" hides the real mistake
			throw new InvalidDefinitionException(
					"the job definition path is empty (--definition \"\": a variable in the "
							+ "command line that is not set?); name the file, e.g. --definition jobs/disable-all.yaml");
		}
		Path file = path.toAbsolutePath().normalize();
		byte[] bytes = BoundedFile.read(file, "job definition", "check the --definition path; examples are under jobs/",
				MAX_DEFINITION_BYTES);
		DefinitionDocument document = parse(file, bytes);
		MessageDigest digest = sha256();
		digest.update(bytes);
		Filters filters = document.filters();
		Set<String> ids = new LinkedHashSet<>(SelectedIds.inline(file, "filters.ids", filters.ids()));
		ids.addAll(SelectedIds.fromFile(file, "filters.idsFile", filters.idsFile(), digest));
		Set<String> excluded = new LinkedHashSet<>(
				SelectedIds.inline(file, "filters.excludeIds", filters.excludeIds()));
		excluded.addAll(SelectedIds.fromFile(file, "filters.excludeIdsFile", filters.excludeIdsFile(), digest));
		Set<String> both = ids.stream().filter(excluded::contains).collect(Collectors.toSet());
		if (!both.isEmpty()) {
			throw new InvalidDefinitionException(
					file + ": filters: " + both.size() + " group id(s) are both included and excluded (e.g. "
							+ both.iterator().next() + "); remove them from one of the lists");
		}
		String name = document.name() != null ? document.name() : baseName(file);
		refuseControlCharacters(file, name, document.name() != null);
		return new JobDefinition(name, file, HexFormat.of().formatHex(digest.digest()), document, Set.copyOf(ids),
				Set.copyOf(excluded));
	}

	/**
	 * The definition's name reaches log lines, the terminal and every report: a control
	 * character in it (an ESC that recolours the terminal, a line break that forges a log
	 * line) is refused, whether it came from the 'name' field or the file's name.
	 */
	private static void refuseControlCharacters(Path file, String name, boolean fromField) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				String where = fromField ? "field 'name'"
						: "the file's name (the definition's name when it has no 'name' field)";
				throw new InvalidDefinitionException(spelledOut(file.toString()) + ": " + where
						+ " holds a control character (" + String.format("U+%04X", (int) c) + ") at position " + (i + 1)
						+ ", which would reach log lines, the terminal and the reports; " + (fromField ? "remove it"
								: "rename the file, or give the definition a 'name:' of printable text"));
			}
		}
	}

	private static String spelledOut(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.chars()
			.forEach(c -> out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
					? String.format("\\u%04X", c) : String.valueOf((char) c)));
		return out.toString();
	}

	private DefinitionDocument parse(Path file, byte[] bytes) {
		try {
			String text = StrictYaml.utf8(file, bytes);
			checkNoMergeKeys(file, bytes);
			checkFieldNames(file, bytes);
			StrictYaml.check(file, text);
			checkSelectionsNotEmpty(file, bytes);
			DefinitionDocument document = mapper.readValue(bytes, DefinitionDocument.class);
			if (document == null) {
				throw new InvalidDefinitionException(file + ": the file is empty; see the examples under jobs/");
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
			throw DefinitionProblems.wrongShape(file, e, SECTIONS);
		}
		catch (DatabindException e) {
			if (DefinitionProblems.rootCause(e) instanceof FieldProblem problem) {
				int line = lineOf(bytes, problem.field());
				throw new InvalidDefinitionException(file + (line < 1 ? "" : ":" + line) + ": field '" + problem.field()
						+ "': " + problem.getMessage());
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
	 * The records a definition is made of, field by field; values of other types are
	 * leaves.
	 */
	private static final Set<Class<?>> SECTIONS = Set.of(DefinitionDocument.class, Filters.class, NameFilter.class);

	/**
	 * YAML 1.1's merge key ({@code <<: *defaults}): Jackson reads it as a field named
	 * {@code <<}, and it needs an alias, which definitions refuse ({@link StrictYaml}).
	 * Checked before field names: the section holding the shared fields
	 * ({@code defaults: &defaults}) is an unknown field too, and the merge key is what
	 * explains it.
	 */
	private void checkNoMergeKeys(Path file, byte[] bytes) {
		forEachField(bytes, (parser, path) -> {
			if (parser.currentName().equals("<<")) {
				throw new InvalidDefinitionException(at(file, parser) + ": the YAML merge key '<<' is not supported: "
						+ "write the fields out in full here (a definition spells out every field it uses)");
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
				String field = path.isEmpty() ? parser.currentName()
						: String.join(".", path) + "." + parser.currentName();
				throw new InvalidDefinitionException(
						at(file, parser) + ": unknown field '" + field + "'; known fields here: " + known);
			}
		});
	}

	/**
	 * What a check does at one field name of the document; the parser stands on that
	 * name.
	 */
	private interface FieldCheck {

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
	private static String at(Path file, JsonParser parser) {
		int line = parser.currentTokenLocation().getLineNr();
		return file + (line < 1 ? "" : ":" + line);
	}

	/**
	 * The section record at a field path, or null when the path leads into a value (or
	 * nowhere known).
	 */
	private static @Nullable Class<?> sectionAt(List<String> path) {
		Class<?> section = DefinitionDocument.class;
		for (String name : path) {
			Class<?> next = name == null ? null
					: Arrays.stream(section.getRecordComponents())
						.filter(c -> c.getName().equals(name))
						.map(RecordComponent::getType)
						.findFirst()
						.orElse(null);
			if (next == null || !SECTIONS.contains(next)) {
				return null;
			}
			section = next;
		}
		return section;
	}

	/**
	 * The line of the field at a dotted path ({@code maxChanges},
	 * {@code filters.createdBefore}); 0 if not found.
	 */
	private int lineOf(byte[] bytes, String field) {
		try (JsonParser parser = mapper.createParser(bytes)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.PROPERTY_NAME) {
					List<String> path = new ArrayList<>(pathOf(parser));
					path.add(parser.currentName());
					if (field.equals(String.join(".", path))) {
						return parser.currentTokenLocation().getLineNr();
					}
				}
			}
		}
		return 0;
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

	/**
	 * A selecting list that is given but empty ({@code ids: []}, {@code ids:},
	 * {@code include: []}) would not limit the run, so it would select every group: more
	 * likely a list someone forgot to fill than intent. Refused with its line.
	 */
	private void checkSelectionsNotEmpty(Path file, byte[] bytes) {
		forEachField(bytes, (parser, path) -> {
			String name = parser.currentName();
			boolean selecting = path.equals(List.of("filters")) && (name.equals("ids") || name.equals("idsFile"))
					|| path.equals(List.of("filters", "displayName")) && name.equals("include");
			if (!selecting) {
				return;
			}
			String where = at(file, parser);
			JsonToken value = parser.nextToken();
			boolean empty = value == JsonToken.VALUE_NULL
					|| value == JsonToken.VALUE_STRING && parser.getString().isBlank()
					|| value == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.END_ARRAY;
			if (empty) {
				throw new InvalidDefinitionException(where + ": field '" + String.join(".", path) + "." + name
						+ "' is empty, so it would select every group; "
						+ "list what it should select, or remove the field to consider all groups");
			}
		});
	}

	private static String baseName(Path file) {
		String name = file.getFileName().toString();
		return name.replaceFirst("\\.ya?ml$", "");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
