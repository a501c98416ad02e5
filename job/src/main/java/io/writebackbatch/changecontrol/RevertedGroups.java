package io.writebackbatch.changecontrol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.staging.ChangeControlRepository.RevertedGroup;
import io.writebackbatch.staging.ChangeControlRepository.RevertedSince;
import io.writebackbatch.staging.ChangeControlRepository;

import org.springframework.stereotype.Component;

/**
 * The groups someone turned back since a run of this definition set them: each group this
 * run read is compared with the last state any run of the definition (an apply, finished
 * or not, the application of a plan, or a rollback of one of its runs) set for it, and
 * listed when it is now effectively the other way. A turn-back is recorded once: by the
 * first run of the definition (of any mode, full, incremental or planned-groups
 * inventory) that reads the group after it; a later run that reads it unchanged again
 * does not count it again, until a run sets the group again. Groups are changed again if
 * the definition still selects them; the on-premises side needs to know either way (a
 * re-enabled group is written back to AD again). Found once, after the plan, and recorded
 * for the report, the metric and the log.
 */
@Component
public class RevertedGroups {

	private final RunHistory history;

	private final ChangeControlRepository repository;

	public RevertedGroups(RunHistory history, ChangeControlRepository repository) {
		this.history = history;
		this.repository = repository;
	}

	/**
	 * Compares run {@code run} with the runs that set the groups it read, and records the
	 * result; empty when no run of the definition set any group yet.
	 */
	public Optional<RevertedSince> findAndRecord(RunContext run) {
		if (run.isRollback()) {
			return Optional.empty();
		}
		long runId = run.runId();
		List<Long> setters = history.runsThatSetGroups(run.runKey(), runId);
		if (setters.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Long> recorded = repository
			.lastRecordedTurnBack(history.runsBefore(run.runKey(), runId).stream().map(RunHistory::runId).toList());
		List<RevertedGroup> found = compare(setters, recorded, runId);
		repository.saveReverted(runId, setters.get(0), found);
		return Optional.of(new RevertedSince(setters.get(0), found.size(), found));
	}

	/**
	 * Each group's newest setter first: a group is judged once, against the newest run
	 * that updated it, and skipped when a run after that one already recorded it.
	 */
	private List<RevertedGroup> compare(List<Long> setters, Map<String, Long> recorded, long runId) {
		List<RevertedGroup> reverted = new ArrayList<>();
		Set<String> judged = new HashSet<>();
		for (long setter : setters) {
			repository.forEachRevisit(setter, runId, visit -> {
				if (!judged.add(visit.groupId()) || recorded.getOrDefault(visit.groupId(), 0L) > setter) {
					return;
				}
				Writeback setByRun = visit.before().patchedWith(visit.target());
				if (EffectiveWriteback.of(visit.now()).writtenBack() != EffectiveWriteback.of(setByRun).writtenBack()) {
					reverted.add(new RevertedGroup(visit.groupId(), visit.displayName(),
							EffectiveWriteback.describeRaw(setByRun) + " (run " + setter + ")",
							EffectiveWriteback.describeRaw(visit.now()), visit.decisionNow() == Decision.CHANGE));
				}
			});
		}
		reverted.sort(Comparator.comparing(RevertedGroup::id));
		return reverted;
	}

}
