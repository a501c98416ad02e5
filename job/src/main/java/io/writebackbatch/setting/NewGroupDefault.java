package io.writebackbatch.setting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.definition.NewGroupWriteback;
import io.writebackbatch.domain.SettingDecision;
import io.writebackbatch.domain.SettingOutcome;
import io.writebackbatch.graph.DirectorySettings;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.graph.GraphPermissions;
import io.writebackbatch.graph.GroupUnifiedSetting;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.staging.SettingChange;
import io.writebackbatch.staging.SettingChangeRepository;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and applies the tenant-wide default for new Microsoft 365 groups (Group.Unified
 * {@code NewUnifiedGroupWritebackDefault}), and its rollback. Without a Group.Unified
 * object the default is the template's ("true": new groups are written back).
 */
public final class NewGroupDefault {

	private static final Logger log = LoggerFactory.getLogger(NewGroupDefault.class);

	/**
	 * The template default of NewUnifiedGroupWritebackDefault, i.e. the value when the
	 * tenant has no object.
	 */
	static final String TEMPLATE_DEFAULT = "true";

	private final DirectorySettings settings;

	private final SettingChangeRepository changes;

	public NewGroupDefault(DirectorySettings settings, SettingChangeRepository changes) {
		this.settings = settings;
		this.changes = changes;
	}

	/**
	 * Plans the run: a rollback undoes its run's change, any other run does what its
	 * definition asks.
	 */
	public void plan(RunContext run) {
		Long original = run.rollbackOf();
		if (original != null) {
			planRollback(run.runId(), original, run.force());
		}
		else {
			plan(run.runId(), run.requireDefinition().document().newGroupWriteback());
		}
	}

	/**
	 * Plans a forward run; nothing is read from Graph when the definition leaves the
	 * default unchanged.
	 */
	void plan(long runId, NewGroupWriteback wanted) {
		if (wanted == NewGroupWriteback.UNCHANGED) {
			return;
		}
		String target = wanted == NewGroupWriteback.DISABLED ? "false" : "true";
		Optional<GroupUnifiedSetting> current = settings.groupUnified();
		String previous = current.map(GroupUnifiedSetting::newGroupWritebackDefault).orElse(null);
		String effective = previous == null ? TEMPLATE_DEFAULT : previous;
		boolean change = !target.equalsIgnoreCase(effective);
		String reason = describe(current, previous) + (change ? " -> " + target : ", already " + target);
		record(new SettingChange(runId, current.isPresent(), current.map(GroupUnifiedSetting::id).orElse(null),
				previous, target, change ? SettingDecision.CHANGE : SettingDecision.SKIP, reason, null));
	}

	/**
	 * Plans the undo of run {@code original}'s change: back to its previous value, or (if
	 * that run created the object) to the template default, which behaves as no object. A
	 * value changed since by someone else is a conflict, left alone unless forced.
	 */
	void planRollback(long runId, long original, boolean force) {
		Optional<SettingChange> done = changes.find(original).filter(c -> c.outcome() != null);
		if (done.isEmpty()) {
			return;
		}
		SettingChange applied = done.get();
		Optional<GroupUnifiedSetting> current = settings.groupUnified();
		String now = current.map(GroupUnifiedSetting::newGroupWritebackDefault).orElse(null);
		String target = applied.previousValue() != null ? applied.previousValue() : TEMPLATE_DEFAULT;
		String reason = describe(current, now) + " -> " + target
				+ (applied.settingExisted() ? " (its value before run " + original + ")"
						: " (run " + original + " created the object; the template default behaves as no object)");
		SettingDecision decision;
		boolean changedSince = !applied.targetValue().equalsIgnoreCase(String.valueOf(now));
		if (target.equalsIgnoreCase(now == null ? TEMPLATE_DEFAULT : now)) {
			// already back as it was, whoever put it back (an earlier rollback of the
			// run, someone else): nothing to do, not a conflict to force
			decision = SettingDecision.SKIP;
			reason = describe(current, now) + ", already " + target + " as before run " + original
					+ (changedSince ? " (put back since the run)" : "");
		}
		else if (changedSince) {
			decision = force ? SettingDecision.CHANGE : SettingDecision.CONFLICT;
			reason = "changed since run " + original + " (it set " + applied.targetValue() + ", now " + now + ")"
					+ (force ? "; restored anyway (--force): " + reason : "; left alone, use --force to restore");
		}
		else {
			decision = SettingDecision.CHANGE;
		}
		record(new SettingChange(runId, current.isPresent(), current.map(GroupUnifiedSetting::id).orElse(null), now,
				target, decision, reason, null));
	}

	/**
	 * Applies a planned change; re-reads first, so a restart after the write does not
	 * write again.
	 */
	public void apply(long runId) {
		Optional<SettingChange> planned = changes.find(runId)
			.filter(c -> c.decision() == SettingDecision.CHANGE && c.outcome() == null);
		if (planned.isEmpty()) {
			return;
		}
		String target = planned.get().targetValue();
		try {
			Optional<GroupUnifiedSetting> current = settings.groupUnified();
			if (current.isPresent()) {
				if (target.equalsIgnoreCase(String.valueOf(current.get().newGroupWritebackDefault()))) {
					log.info("Group.Unified NewUnifiedGroupWritebackDefault is already {}", target);
				}
				else {
					Map<String, String> values = new LinkedHashMap<>(current.get().values());
					values.put(GroupUnifiedSetting.NEW_GROUP_WRITEBACK_DEFAULT, target);
					settings.update(current.get().id(), values);
					log.info("Group.Unified NewUnifiedGroupWritebackDefault set to {} (other values preserved)",
							target);
				}
				changes.recordOutcome(runId, SettingOutcome.UPDATED);
			}
			else {
				Map<String, String> values = new LinkedHashMap<>(settings.templateDefaults());
				values.put(GroupUnifiedSetting.NEW_GROUP_WRITEBACK_DEFAULT, target);
				GroupUnifiedSetting created = settings.create(values);
				log.info(
						"created the Group.Unified setting {} from its template with NewUnifiedGroupWritebackDefault={}",
						created.id(), target);
				changes.recordOutcome(runId, SettingOutcome.CREATED);
			}
		}
		catch (GraphAccessException e) {
			if (e.failureKind() == FailureKind.PERMISSION) {
				throw new GraphAccessException(e.failureKind(),
						"Graph denied changing the Group.Unified directory setting: " + "grant the app "
								+ GraphPermissions.SETTINGS_ADVICE
								+ " with admin consent, or set newGroupWriteback: unchanged",
						e);
			}
			throw e;
		}
	}

	private void record(SettingChange change) {
		changes.recordPlan(change);
		log.info("new-group default (Group.Unified NewUnifiedGroupWritebackDefault): {} - {}", change.decision(),
				change.reason());
	}

	private static String describe(Optional<GroupUnifiedSetting> current, @Nullable String value) {
		return current.isEmpty() ? "no Group.Unified setting object (default " + TEMPLATE_DEFAULT + ")"
				: "NewUnifiedGroupWritebackDefault="
						+ (Objects.toString(value, "not set (default " + TEMPLATE_DEFAULT + ")"));
	}

}
