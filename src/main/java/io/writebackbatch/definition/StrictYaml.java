package io.writebackbatch.definition;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Refuses the YAML a definition must not rely on, each with its line, before the file is bound: Jackson reads an
 * alias ({@code *keep}) as the literal text {@code keep}, lets a repeated key silently replace the first (dropping,
 * say, an allow-list), and keeps a {@code ~} list entry as null. Each would make a run do something other than what
 * the file appears to say. Walks SnakeYAML Engine's parse events (the parser under Jackson's YAML module), which
 * carry the line of every node.
 */
final class StrictYaml {

	/** The plain scalars YAML 1.2's core schema reads as null. */
	private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

	private StrictYaml() {
	}

	/** One open mapping or sequence: a mapping remembers its keys and whether the next node is a key. */
	private static final class Collection {

		final boolean mapping;

		final Map<String, Integer> keyLines = new HashMap<>();

		boolean atKey = true;

		Collection(boolean mapping) {
			this.mapping = mapping;
		}
	}

	static void check(Path file, String yaml) {
		Deque<Collection> open = new ArrayDeque<>();
		for (Event event : new Parse(LoadSettings.builder().build()).parseString(yaml)) {
			switch (event.getEventId()) {
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
	}

	/** A node inside {@code parent}: a key must be new in its mapping, a list entry must not be null. */
	private static void node(Path file, Collection parent, ScalarEvent scalar) {
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
				throw new InvalidDefinitionException(file + ":" + line + ": '" + scalar.getValue()
						+ "' is given twice, at lines " + first + " and " + line
						+ " (the second would silently replace the first); merge them into one");
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
