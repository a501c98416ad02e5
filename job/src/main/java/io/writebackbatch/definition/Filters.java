package io.writebackbatch.definition;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which groups the run considers. All present filters must hold. Ids given in
 * {@code ids}/{@code idsFile} limit the run to those groups;
 * {@code excludeIds}/{@code excludeIdsFile} are an allow-list of groups that stay as they
 * are.
 */
public record Filters(NameFilter displayName, @Nullable DateBound createdBefore, @Nullable DateBound createdAfter,
		Set<CurrentState> writebackState, List<String> ids, @Nullable String idsFile, List<String> excludeIds,
		@Nullable String excludeIdsFile) {

	public Filters {
		displayName = displayName == null ? NameFilter.none() : displayName;
		writebackState = writebackState == null ? Set.of() : Set.copyOf(writebackState);
		ids = ids == null ? List.of() : List.copyOf(ids);
		excludeIds = excludeIds == null ? List.of() : List.copyOf(excludeIds);
		if (createdBefore != null && createdAfter != null
				&& !createdAfter.instant().isBefore(createdBefore.instant())) {
			throw new IllegalArgumentException("createdAfter (" + createdAfter + ") must be before createdBefore ("
					+ createdBefore + "): no group can match both");
		}
	}

	public static Filters none() {
		return new Filters(NameFilter.none(), null, null, Set.of(), List.of(), null, List.of(), null);
	}
}
