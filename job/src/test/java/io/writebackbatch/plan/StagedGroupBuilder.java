package io.writebackbatch.plan;

import java.time.Instant;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.StagedGroup;

/**
 * Staged groups for rule tests: by default a cloud group "Team" of run 1, created
 * 2022-03-01, writeback not set.
 */
final class StagedGroupBuilder {

	static final String ID = "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70";

	private long runId = 1;

	private String id = ID;

	private String displayName = "Team";

	private Instant createdAt = Instant.parse("2022-03-01T00:00:00Z");

	private boolean onPremisesSync;

	private Writeback previous = Writeback.NOT_SET;

	private Decision decision;

	private ReasonCode reasonCode;

	private Writeback target;

	private Outcome outcome;

	private boolean roleAssignable;

	static StagedGroupBuilder group() {
		return new StagedGroupBuilder();
	}

	StagedGroupBuilder id(String id) {
		this.id = id;
		return this;
	}

	StagedGroupBuilder named(String displayName) {
		this.displayName = displayName;
		return this;
	}

	StagedGroupBuilder createdAt(String instant) {
		this.createdAt = instant == null ? null : Instant.parse(instant);
		return this;
	}

	StagedGroupBuilder syncedFromOnPremises() {
		this.onPremisesSync = true;
		return this;
	}

	StagedGroupBuilder roleAssignable() {
		this.roleAssignable = true;
		return this;
	}

	/** The stored writebackConfiguration as the inventory read it. */
	StagedGroupBuilder writeback(Boolean isEnabled, String onPremisesGroupType) {
		this.previous = new Writeback(isEnabled, onPremisesGroupType);
		return this;
	}

	/** The group as run {@code run} planned to change it to {@code target}. */
	StagedGroupBuilder plannedBy(long run, Writeback target) {
		this.runId = run;
		this.decision = Decision.CHANGE;
		this.reasonCode = ReasonCode.WILL_CHANGE;
		this.target = target;
		return this;
	}

	/** The group as run {@code run} changed it to {@code target} (Graph answered 204). */
	StagedGroupBuilder updatedBy(long run, Writeback target) {
		plannedBy(run, target);
		this.outcome = Outcome.UPDATED;
		return this;
	}

	StagedGroupBuilder outcome(Outcome outcome) {
		this.outcome = outcome;
		return this;
	}

	StagedGroup build() {
		return new StagedGroup(runId, id, displayName, createdAt, onPremisesSync, previous, decision, reasonCode,
				decision == null ? null : "", target, null, outcome, null, null, null, null, roleAssignable);
	}

}
