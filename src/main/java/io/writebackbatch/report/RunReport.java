package io.writebackbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.writebackbatch.changecontrol.ChangeControlReport;

/**
 * The figures of one run. Counts add up: {@code groups = planned.change + planned.skip} and
 * {@code planned.change = updated + notFound + failed + pending}. {@code newGroupDefault} describes the Group.Unified
 * NewUnifiedGroupWritebackDefault decision and outcome.
 */
public record RunReport(long runId, String definition, String definitionFile, String mode, String status,
		String exitDescription, Instant startedAt, Instant endedAt, Duration duration, long groups, long change,
		long skip, Map<String, Long> skippedByReason, long updated, long notFound, long failed, long pending,
		String newGroupDefault, MemberAudit memberAudit, ChangeControlReport changeControl) {

	/**
	 * @param counted groups whose members were counted (those that are or stay written back); 0 when not requested
	 * @param over50k groups over 50,000 members: not written back by the default Entra Connect rule
	 * @param over250k groups over 250,000 members: cannot be written back at all
	 */
	public record MemberAudit(long counted, long over50k, long over250k) {
	}
}
