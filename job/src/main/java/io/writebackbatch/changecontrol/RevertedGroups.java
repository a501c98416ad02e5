package io.writebackbatch.changecontrol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * The groups someone turned back since the definition's last completed apply: that apply
 * set them (written back or not), and this run found them effectively the other way. They
 * are changed again if the definition still selects them; the on-premises side needs to
 * know either way (a re-enabled group is written back to AD again). Found once, after the
 * plan, and recorded for the report.
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
	 * Compares run {@code run} with the last completed apply and records the result;
	 * empty when there is none.
	 */
	public Optional<RevertedSince> findAndRecord(RunContext run) {
		if (run.isRollback()) {
			return Optional.empty();
		}
		long runId = run.runId();
		return history.lastCompletedApply(run.runKey(), runId).map(last -> {
			List<RevertedGroup> found = compare(RunHistory.runId(last), runId);
			repository.saveReverted(runId, RunHistory.runId(last), found);
			return new RevertedSince(RunHistory.runId(last), found.size(), found);
		});
	}

	private List<RevertedGroup> compare(long sinceRun, long runId) {
		List<RevertedGroup> reverted = new ArrayList<>();
		repository.forEachRevisit(sinceRun, runId, visit -> {
			Writeback setByRun = visit.before().patchedWith(visit.target());
			if (EffectiveWriteback.of(visit.now()).writtenBack() != EffectiveWriteback.of(setByRun).writtenBack()) {
				reverted.add(new RevertedGroup(visit.groupId(), visit.displayName(),
						EffectiveWriteback.describeRaw(setByRun), EffectiveWriteback.describeRaw(visit.now()),
						visit.decisionNow() == Decision.CHANGE));
			}
		});
		return reverted;
	}

}
