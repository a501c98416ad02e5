package io.writebackbatch.definition;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Refuses the YAML a definition must not rely on, each with its line, before the file is
 * bound: Jackson reads an alias ({@code *keep}) as the literal text {@code keep}, lets a
 * repeated key silently replace the first (dropping, say, an allow-list), and keeps a
 * {@code ~} list entry as null. Each would make a run do something other than what the
 * file appears to say. A second document ({@code ---}) is refused too. Walks SnakeYAML
 * Engine's parse events (the parser under Jackson's YAML module), which carry the line of
 * every node.
 */
final class StrictYaml {

	/** The plain scalars YAML 1.2's core schema reads as null. */
	private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

	private StrictYaml() {
	}

	/**
	 * One open mapping or sequence: a mapping remembers its keys and whether the next
	 * node is a key.
	 */
	private static final class Collection {

		final boolean mapping;

		final Map<String, Integer> keyLines = new HashMap<>();

		boolean atKey = true;

		Collection(boolean mapping) {
			this.mapping = mapping;
		}

	}

	/**
	 * The file's text; bytes that are not UTF-8 (a file saved as Latin-1, say) are
	 * refused with their line.
	 */
	static String utf8(Path file, byte[] bytes) {
		CharBuffer text = CharBuffer.allocate(bytes.length); // UTF-8 never has fewer
																// bytes than chars
		CoderResult result = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes), text, true);
		text.flip();
		if (result.isError()) {
			long line = 1 + text.chars().filter(c -> c == '\n').count();
			throw new InvalidDefinitionException(file + ":" + line + ": the file is not UTF-8 text; save it as UTF-8");
		}
		return text.toString();
	}

	static void check(Path file, String yaml, StrictYamlReader.Kind kind) {
		Deque<Collection> open = new ArrayDeque<>();
		int documents = 0;
		for (Event event : new Parse(LoadSettings.builder().build()).parseString(yaml)) {
			switch (event.getEventId()) {
				case DocumentStart -> {
					if (++documents > 1) {
						throw new InvalidDefinitionException(at(file, event) + "a second YAML document ('---'): a "
								+ kind.what() + " is one document; put each " + kind.what() + " in a file of its own");
					}
				}
				case Alias -> throw new InvalidDefinitionException(at(file, event) + "the YAML alias '*"
						+ ((AliasEvent) event).getAlias().getValue() + "' is not supported: write the value out "
						+ "again (an alias would be read as its name, not as the value it refers to)");
				case Scalar -> node(file, open.peek(), (ScalarEvent) event);
				case MappingStart, SequenceStart -> {
					node(file, open.peek(), null);
					open.push(new Collection(event.getEventId() == Event.ID.MappingStart));
				}
				case MappingEnd, SequenceEnd -> open.pop();
				default -> {
				}
			}
		}
		if (documents == 0) {
			throw new InvalidDefinitionException(file + ": the file is empty (or only comments); " + kind.examples());
		}
	}

	/**
	 * A node inside {@code parent}: a key must be new in its mapping, a list entry must
	 * not be null.
	 */
	private static void node(Path file, Collection parent, @Nullable ScalarEvent scalar) {
		if (parent == null) {
			return;
		}
		if (!parent.mapping) {
			if (scalar != null && scalar.isPlain() && NULLS.contains(scalar.getValue())) {
				throw new InvalidDefinitionException(at(file, scalar) + "an empty (null) list entry"
						+ (scalar.getValue().isEmpty() ? "" : " '" + scalar.getValue() + "'")
						+ "; remove it, or quote it if the text is meant");
			}
			return;
		}
		if (parent.atKey && scalar != null) {
			int line = line(scalar);
			Integer first = parent.keyLines.putIfAbsent(scalar.getValue(), line);
			if (first != null) {
				throw new InvalidDefinitionException(
						file + ":" + line + ": '" + scalar.getValue() + "' is given twice, at lines " + first + " and "
								+ line + " (the second would silently replace the first); merge them into one");
			}
		}
		parent.atKey = !parent.atKey;
	}

	private static String at(Path file, Event event) {
		return file + ":" + line(event) + ": ";
	}

	private static int line(Event event) {
		Optional<Mark> mark = event.getStartMark();
		return mark.map(m -> m.getLine() + 1).orElse(0);
	}

}
