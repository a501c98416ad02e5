package io.writebackbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The figures of one run: {@code summary.json}, a contract described by
 * {@code summary.schema.json} (bump {@link #SCHEMA_VERSION} with it). Counts add up:
 * {@code groups = change + skip} and
 * {@code change = updated + notFound + failed + pending}. {@code newGroupDefault}
 * describes the Group.Unified NewUnifiedGroupWritebackDefault decision and outcome.
 * {@code endedAt} is null only while the run is still going; {@code rollbackOf} is null
 * unless the run undoes another; {@code undoneByRollback} is the rollback run that ended
 * this unfinished apply as ABANDONED (null otherwise); {@code changeControl} is the
 * inventory kind, plan digest, drift and reverted groups ({@link ChangeControlReport}).
 */
public record RunReport(int schemaVersion, long runId, String definition, String definitionFile, String mode,
		String status, String exitDescription, @Nullable Instant startedAt, @Nullable Instant endedAt,
		Duration duration, RanBy ranBy, @Nullable Long rollbackOf, @Nullable Long undoneByRollback, long groups,
		long change, long skip, Map<String, Long> skippedByReason, long updated, long notFound, long failed,
		long pending, String newGroupDefault, MemberAudit memberAudit, ChangeControlReport changeControl,
		@Nullable TenantRef tenant) {

	/** 3: the run's tenant; 4: {@code undoneByRollback}. */
	public static final int SCHEMA_VERSION = 4;

	/**
	 * The tenant the run belongs to, as proven before it read anything: its id and cloud.
	 * Null for a run recorded before runs had a tenant, until {@code assign-tenant} names
	 * it.
	 */
	public record TenantRef(String id, String cloud) {

		@Override
		public String toString() {
			return id + " (" + cloud + ")";
		}

	}

	public boolean wasUndoneByRollback() {
		return undoneByRollback != null;
	}

	public boolean undoesARun() {
		return rollbackOf != null;
	}

	public boolean appliesChanges() {
		return "apply".equals(mode);
	}

	/**
	 * Marked running in the job repository: live, or left so by a killed process (the
	 * repository cannot tell which).
	 */
	public boolean markedRunning() {
		return "STARTED".equals(status) || "STARTING".equals(status);
	}

	/**
	 * Who started the run's last execution, and on which machine (what the JVM knows:
	 * user.name and the host name); "unknown" for runs recorded before this was kept.
	 */
	public record RanBy(String user, String host) {

		public static final RanBy UNKNOWN = new RanBy("unknown", "unknown");

	}

	/**
	 * @param counted groups whose members were counted (those that are or stay written
	 * back); 0 when not requested
	 * @param over50k groups over 50,000 members: not written back by the default Entra
	 * Connect rule
	 * @param over250k groups over 250,000 members: cannot be written back at all
	 */
	public record MemberAudit(long counted, long over50k, long over250k) {
	}
}
