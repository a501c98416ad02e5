package io.writebackbatch.simulator;

import java.time.OffsetDateTime;

/**
 * A read-only snapshot of one simulated group.
 * {@code writebackEnabled}/{@code onPremisesGroupType} may be null.
 */
public record GroupView(String id, String displayName, boolean unified, OffsetDateTime createdDateTime,
		boolean onPremisesSyncEnabled, int memberCount, String mail, Boolean writebackEnabled,
		String onPremisesGroupType) {
}
