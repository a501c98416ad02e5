package io.writebackbatch.changecontrol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.writebackbatch.graph.Writeback;
import io.writebackbatch.plan.EffectiveWriteback;
import io.writebackbatch.runs.RunParameters;
import io.writebackbatch.staging.ChangeControlRepository;
import io.writebackbatch.staging.StagedGroup;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The groups someone turned back since the definition's last completed apply: that apply set them (written back or
 * not), and this run found them effectively the other way. They are changed again if the definition still selects
 * them; the on-premises side needs to know either way (a re-enabled group is written back to AD again).
 */
@Component
public class RevertedGroups {

	/** At most this many groups are listed; the count covers them all. */
	static final int LISTED = 5000;

	private final RunHistory history;

	private final ChangeControlRepository repository;

	public RevertedGroups(RunHistory history, ChangeControlRepository repository) {
		this.history = history;
		this.repository = repository;
	}

	public record Reverted(String id, String displayName, String setByRun, String now, boolean changedAgain) {
	}

	/** Compared with run {@code sinceRun}: how many groups were turned back, and (up to {@link #LISTED}) which. */
	public record Found(long sinceRun, long count, List<Reverted> groups) {
	}

	/** Empty for a rollback and for the first apply of a definition (nothing to compare with). */
	public Optional<Found> find(JobExecution run) {
		var parameters = run.getJobParameters();
		if (parameters.getLong(RunParameters.ROLLBACK_OF) != null) {
			return Optional.empty();
		}
		long runId = RunHistory.runId(run);
		return history.lastCompletedApply(parameters.getString(RunParameters.DEFINITION), runId)
			.map(last -> compare(RunHistory.runId(last), runId));
	}

	private Found compare(long sinceRun, long runId) {
		List<Reverted> listed = new ArrayList<>();
		long[] count = { 0 };
		repository.forEachRevisit(sinceRun, runId, visit -> {
			Writeback setByRun = visit.before().patchedWith(visit.target());
			boolean wanted = EffectiveWriteback.of(setByRun).writtenBack();
			if (EffectiveWriteback.of(visit.now()).writtenBack() != wanted) {
				count[0]++;
				if (listed.size() < LISTED) {
					listed.add(new Reverted(visit.groupId(), visit.displayName(), EffectiveWriteback.describeRaw(setByRun),
							EffectiveWriteback.describeRaw(visit.now()), visit.decisionNow() == StagedGroup.Decision.CHANGE));
				}
			}
		});
		return new Found(sinceRun, count[0], listed);
	}
}
