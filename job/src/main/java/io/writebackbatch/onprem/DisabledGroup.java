package io.writebackbatch.onprem;

import java.util.Objects;

/**
 * A Microsoft 365 group whose writeback this run disabled.
 *
 * @param id the Entra object id of the group (not blank)
 * @param displayName its display name as read from Graph; {@code null} is kept as empty
 * text
 * @param previousOnPremisesGroupType the
 * {@code writebackConfiguration.onPremisesGroupType} it had before the run (for example
 * {@code universalDistributionGroup}); {@code null} if unknown
 */
public record DisabledGroup(String id, String displayName, String previousOnPremisesGroupType) {

	public DisabledGroup {
		Objects.requireNonNull(id, "id");
		if (id.isBlank()) {
			throw new IllegalArgumentException("DisabledGroup.id must not be blank");
		}
		displayName = displayName == null ? "" : displayName;
		previousOnPremisesGroupType = previousOnPremisesGroupType == null ? "" : previousOnPremisesGroupType;
	}
}
