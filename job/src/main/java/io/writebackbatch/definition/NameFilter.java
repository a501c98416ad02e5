package io.writebackbatch.definition;

import java.util.List;

/**
 * Display-name filter: a group is selected when it matches any include (or includes are
 * empty) and no exclude.
 */
public record NameFilter(List<NamePattern> include, List<NamePattern> exclude) {

	public NameFilter {
		include = include == null ? List.of() : List.copyOf(include);
		exclude = exclude == null ? List.of() : List.copyOf(exclude);
	}

	public static NameFilter none() {
		return new NameFilter(List.of(), List.of());
	}

	public boolean isIncluded(String displayName) {
		return include.isEmpty() || include.stream().anyMatch(p -> p.matches(displayName));
	}

	public boolean isExcluded(String displayName) {
		return exclude.stream().anyMatch(p -> p.matches(displayName));
	}
}
