package io.writebackbatch.definition;

import java.util.List;

/**
 * A fleet file as written (see {@code k8s/fleet/fleet.yaml}): the tenants one operator
 * runs.
 */
public record FleetDocument(List<FleetEntry> tenants) {

	public FleetDocument {
		if (tenants == null || tenants.isEmpty()) {
			throw new FieldProblem("tenants", "list at least one tenant (name, tenantId, credential, definitions)");
		}
		tenants = List.copyOf(tenants);
	}

}
