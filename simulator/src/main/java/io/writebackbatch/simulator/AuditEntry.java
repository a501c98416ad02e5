package io.writebackbatch.simulator;

import java.time.Instant;

/**
 * One mutation applied by the simulator. {@code before}/{@code after} are JSON: the
 * group's {@code writebackConfiguration}
 * ({@code {"isEnabled":..,"onPremisesGroupType":..}}), a setting's values
 * ({@code {"name":"value",..}}) or {@code null} when the object did not exist / no longer
 * exists. {@code method} is the HTTP method, or {@code ADMIN-...} for changes made
 * through the admin API / Java API.
 */
public record AuditEntry(Instant time, String requestId, String method, String target, String before, String after) {
}
