package io.writebackbatch.definition;

/**
 * A job definition file as written under {@code jobs/}; see the commented examples there.
 */
public record DefinitionDocument(String name, Action action, OnPremisesGroupType onPremisesGroupType,
		NewGroupWriteback newGroupWriteback, Filters filters, Integer maxChanges, Boolean memberAudit,
		InventoryMode inventory) {

	public DefinitionDocument {
		if (action == null) {
			throw new IllegalArgumentException("'action' is required: disable or enable");
		}
		if (action == Action.DISABLE && onPremisesGroupType != null) {
			throw new FieldProblem("onPremisesGroupType", "only applies to action 'enable'; remove it");
		}
		if (maxChanges != null && maxChanges < 0) {
			throw new FieldProblem("maxChanges", "must be zero or more, was " + maxChanges);
		}
		newGroupWriteback = newGroupWriteback == null ? NewGroupWriteback.UNCHANGED : newGroupWriteback;
		filters = filters == null ? Filters.none() : filters;
		memberAudit = memberAudit != null && memberAudit;
		inventory = inventory == null ? InventoryMode.FULL : inventory;
	}
}
