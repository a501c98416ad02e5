package io.writebackbatch.plan;

import java.util.Optional;

import io.writebackbatch.definition.Action;
import io.writebackbatch.definition.CurrentState;
import io.writebackbatch.definition.Filters;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.OnPremisesGroupType;
import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.StagedGroup;

/**
 * Decides, for one group, whether the run changes it and why. Filters are checked in a
 * fixed order and the first that excludes the group names the reason; a selected group is
 * changed only if its effective state differs from the wanted one, so no write is spent
 * on a group already in the wanted state.
 */
public final class PlanRules implements GroupRules {

	private final JobDefinition definition;

	private final EffectiveWriteback wanted;

	private final Writeback patch;

	public PlanRules(JobDefinition definition) {
		this.definition = definition;
		OnPremisesGroupType type = definition.document().onPremisesGroupType();
		if (definition.action() == Action.DISABLE) {
			this.wanted = new EffectiveWriteback(false, null);
			this.patch = new Writeback(false, null);
		}
		else {
			this.wanted = new EffectiveWriteback(true, type == null ? null : type.graphName());
			this.patch = new Writeback(true, type == null ? null : type.graphName());
		}
	}

	@Override
	public PlannedGroup decide(StagedGroup group) {
		String id = group.groupId();
		Filters filters = definition.filters();
		if (!definition.ids().isEmpty() && !definition.ids().contains(id)) {
			return PlannedChanges.skip(id, ReasonCode.NOT_IN_ID_LIST, "not in the definition's id list");
		}
		if (definition.excludedIds().contains(id)) {
			return PlannedChanges.skip(id, ReasonCode.EXCLUDED_BY_ID, "in the definition's excludeIds allow-list");
		}
		Optional<PlannedGroup> notACloudGroup = GroupRules.notACloudGroup(group);
		if (notACloudGroup.isPresent()) {
			return notACloudGroup.get();
		}
		if (!filters.displayName().isIncluded(group.displayName())) {
			return PlannedChanges.skip(id, ReasonCode.NAME_NOT_INCLUDED,
					"display name matches no include pattern " + filters.displayName().include());
		}
		if (filters.displayName().isExcluded(group.displayName())) {
			return PlannedChanges.skip(id, ReasonCode.NAME_EXCLUDED,
					"display name matches an exclude pattern " + filters.displayName().exclude());
		}
		if (filters.createdBefore() != null
				&& (group.createdAt() == null || !group.createdAt().isBefore(filters.createdBefore().instant()))) {
			return PlannedChanges.skip(id, ReasonCode.CREATED_AFTER_WINDOW,
					"created " + group.createdAt() + ", not before " + filters.createdBefore());
		}
		if (filters.createdAfter() != null
				&& (group.createdAt() == null || !group.createdAt().isAfter(filters.createdAfter().instant()))) {
			return PlannedChanges.skip(id, ReasonCode.CREATED_BEFORE_WINDOW,
					"created " + group.createdAt() + ", not after " + filters.createdAfter());
		}
		CurrentState state = CurrentState.of(group.previous().isEnabled());
		if (!filters.writebackState().isEmpty() && !filters.writebackState().contains(state)) {
			return PlannedChanges.skip(id, ReasonCode.STATE_NOT_SELECTED,
					"stored isEnabled is " + state + ", not one of " + filters.writebackState());
		}
		EffectiveWriteback current = EffectiveWriteback.of(group.previous());
		if (isWanted(current)) {
			return PlannedChanges.skip(id, ReasonCode.ALREADY_DESIRED,
					"already " + current.describe() + " (" + EffectiveWriteback.describeRaw(group.previous()) + ")");
		}
		return PlannedChanges.change(group, current.describe() + " (" + EffectiveWriteback.describeRaw(group.previous())
				+ ") -> " + describeWanted(), patch);
	}

	private boolean isWanted(EffectiveWriteback current) {
		if (current.writtenBack() != wanted.writtenBack()) {
			return false;
		}
		// Graph's enum values are compared as Graph compares them: it has accepted other
		// casings (msgraph-metadata#332)
		return wanted.onPremisesGroupType() == null
				|| wanted.onPremisesGroupType().equalsIgnoreCase(current.onPremisesGroupType());
	}

	private String describeWanted() {
		return wanted.writtenBack()
				? "written back" + (wanted.onPremisesGroupType() == null ? "" : " as " + wanted.onPremisesGroupType())
				: "not written back";
	}

}
