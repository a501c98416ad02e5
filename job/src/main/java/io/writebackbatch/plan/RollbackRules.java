package io.writebackbatch.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.StagedGroup;

/**
 * Decides how to undo one group's change made by an earlier run: back to its previous
 * <em>effective</em> state. Where Graph cannot store the literal previous value (a null
 * {@code isEnabled} or {@code onPremisesGroupType} cannot be set back to null once set)
 * the explicit equivalent is restored and the reason says so. A group changed by someone
 * else since the run is a conflict and left alone unless forced.
 */
public record RollbackRules(long originalRun, boolean force,
		Function<String, Optional<StagedGroup>> originalRows) implements GroupRules {

	@Override
	public PlannedGroup decide(StagedGroup current) {
		return decide(current, originalRows.apply(current.groupId()));
	}

	/**
	 * @param original the group's row in the run being undone, if it had one
	 */
	PlannedGroup decide(StagedGroup current, Optional<StagedGroup> original) {
		String id = current.groupId();
		if (original.isEmpty() || original.get().outcome() != Outcome.UPDATED || original.get().target() == null) {
			return PlannedChanges.skip(id, ReasonCode.NOT_CHANGED_BY_RUN,
					"run " + originalRun + " did not change this group");
		}
		Writeback before = original.get().previous();
		Writeback setByRun = before.patchedWith(original.get().target());
		Writeback now = current.previous();
		List<String> notes = new ArrayList<>();
		EffectiveWriteback wanted = EffectiveWriteback.of(before);
		if (before.isEnabled() == null) {
			notes.add("isEnabled was not set (follows the default, written back); Graph cannot store null again, so it "
					+ "becomes an explicit " + wanted.writtenBack());
		}
		String type = null;
		if (!Objects.equals(before.onPremisesGroupType(), now.onPremisesGroupType())) {
			if (before.onPremisesGroupType() != null) {
				type = before.onPremisesGroupType();
			}
			else if (wanted.writtenBack()) {
				type = EffectiveWriteback.DEFAULT_TYPE;
				notes
					.add("onPremisesGroupType was not set; Graph cannot reset it to null, so it becomes the equivalent "
							+ EffectiveWriteback.DEFAULT_TYPE);
			}
			else {
				notes.add("onPremisesGroupType stays " + now.onPremisesGroupType()
						+ " (Graph cannot reset it to null; it has no effect while writeback is off)");
			}
		}
		Writeback target = new Writeback(wanted.writtenBack(), type);
		boolean changedSince = !setByRun.equals(now);
		// a group already back as it was needs nothing, whoever put it back (an earlier
		// rollback of the run, someone else): not a conflict to force
		if (now.patchedWith(target).equals(now)) {
			return PlannedChanges.skip(id, ReasonCode.ALREADY_DESIRED, "already as before run " + originalRun + " ("
					+ EffectiveWriteback.describeRaw(now) + ")"
					+ (changedSince ? "; put back since the run (by an earlier rollback of it, or someone else)" : ""));
		}
		if (changedSince) {
			String change = "changed since run " + originalRun + " (it set " + EffectiveWriteback.describeRaw(setByRun)
					+ ", now " + EffectiveWriteback.describeRaw(now) + ")";
			if (!force) {
				return PlannedChanges.skip(id, ReasonCode.CONFLICT,
						change + "; left alone, use --force to restore it anyway");
			}
			notes.add(0, change + ", restored anyway (--force)");
		}
		String reason = "restore the state before run " + originalRun + ": " + EffectiveWriteback.describeRaw(now)
				+ " -> " + EffectiveWriteback.describeRaw(now.patchedWith(target)) + " (" + wanted.describe() + ")"
				+ (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
		return PlannedChanges.change(current, reason, target);
	}
}
