package io.writebackbatch.definition;

import java.nio.file.Path;
import java.util.Set;

/**
 * A validated job definition with its id lists resolved.
 *
 * @param file the definition file (absolute)
 * @param sha256 digest of the definition and its id files: a run refuses to resume under
 * a changed definition
 * @param ids groups the run is limited to (empty: all unified groups)
 * @param excludedIds groups the run never changes
 */
public record JobDefinition(String name, Path file, String sha256, DefinitionDocument document, Set<String> ids,
		Set<String> excludedIds) {

	public Action action() {
		return document.action();
	}

	public Filters filters() {
		return document.filters();
	}

	/** The limit on planned changes; {@code Integer.MAX_VALUE} when none is set. */
	public int maxChanges() {
		return document.maxChanges() == null ? Integer.MAX_VALUE : document.maxChanges();
	}
}
