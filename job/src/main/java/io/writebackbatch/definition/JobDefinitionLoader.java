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

	/**
	 * The records a definition is made of, field by field; values of other types are
	 * leaves.
	 */
	private final StrictYamlReader<DefinitionDocument> reader = new StrictYamlReader<>(DefinitionDocument.class,
			Set.of(DefinitionDocument.class, Filters.class, NameFilter.class),
			new StrictYamlReader.Kind("definition", "see the examples under jobs/"));

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
		return reader.read(file, bytes, List.of(selectionsNotEmpty(file)));
	}

	/**
	 * A selecting list that is given but empty ({@code ids: []}, {@code ids:},
	 * {@code include: []}) would not limit the run, so it would select every group: more
	 * likely a list someone forgot to fill than intent. Refused with its line.
	 */
	private static StrictYamlReader.FieldCheck selectionsNotEmpty(Path file) {
		return (parser, path) -> {
			String name = parser.currentName();
			boolean selecting = path.equals(List.of("filters")) && (name.equals("ids") || name.equals("idsFile"))
					|| path.equals(List.of("filters", "displayName")) && name.equals("include");
			if (!selecting) {
				return;
			}
			String where = StrictYamlReader.at(file, parser);
			JsonToken value = parser.nextToken();
			boolean empty = value == JsonToken.VALUE_NULL
					|| value == JsonToken.VALUE_STRING && parser.getString().isBlank()
					|| value == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.END_ARRAY;
			if (empty) {
				throw new InvalidDefinitionException(where + ": field '" + String.join(".", path) + "." + name
						+ "' is empty, so it would select every group; "
						+ "list what it should select, or remove the field to consider all groups");
			}
		};
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
