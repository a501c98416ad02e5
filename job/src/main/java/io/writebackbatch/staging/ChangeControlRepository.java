package io.writebackbatch.staging;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Writeback;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Change control's SQL: plan seals, which inventory each run read, and the comparisons
 * between runs.
 */
@Repository
public class ChangeControlRepository {

	/** The sealed change set of a plan run. */
	public record PlanSeal(long runId, String digest, long changes, String definitionSha256, Instant plannedAt,
			@Nullable String plannedBy) {
	}

	/** How a run found its groups, and why. */
	public enum InventoryKind {

		FULL, INCREMENTAL, PLANNED_GROUPS

	}

	public record RunInventory(long runId, InventoryKind kind, String reason, @Nullable Instant createdSince) {
	}

	/** A planned change as the digest covers it. */
	public record SealedChange(String groupId, Writeback previous, Writeback target) {
	}

	/** A group a run updated, and its state in a later run. */
	public record Revisit(String groupId, String displayName, Writeback before, Writeback target, Writeback now,
			@Nullable Decision decisionNow) {
	}

	/**
	 * A group someone turned back since the apply that set it; {@code changedAgain} when
	 * this run changes it again.
	 */
	public record RevertedGroup(String id, String displayName, String setByRun, String now, boolean changedAgain) {
	}

	/**
	 * What a run found turned back since run {@code sinceRun}: the count, and the first
	 * groups by id.
	 */
	public record RevertedSince(long sinceRun, long count, List<RevertedGroup> groups) {
	}

	private final JdbcTemplate jdbc;

	public ChangeControlRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Forgets what change control recorded for a run (its seal, its inventory choice, its
	 * turned-back groups).
	 */
	public void deleteRun(long runId) {
		jdbc.update("DELETE FROM wb_plan_seal WHERE run_id = ?", runId);
		jdbc.update("DELETE FROM wb_run_inventory WHERE run_id = ?", runId);
		jdbc.update("DELETE FROM wb_reverted WHERE run_id = ?", runId);
	}

	public void saveSeal(PlanSeal seal) {
		jdbc.update("DELETE FROM wb_plan_seal WHERE run_id = ?", seal.runId());
		jdbc.update(
				"INSERT INTO wb_plan_seal (run_id, digest, changes, definition_sha256, planned_at, planned_by) "
						+ "VALUES (?, ?, ?, ?, ?, ?)",
				seal.runId(), seal.digest(), seal.changes(), seal.definitionSha256(), Timestamp.from(seal.plannedAt()),
				seal.plannedBy());
	}

	public Optional<PlanSeal> seal(long runId) {
		return jdbc
			.query("SELECT run_id, digest, changes, definition_sha256, planned_at, planned_by FROM wb_plan_seal "
					+ "WHERE run_id = ?",
					(rs, row) -> new PlanSeal(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
							rs.getTimestamp(5).toInstant(), rs.getString(6)),
					runId)
			.stream()
			.findFirst();
	}

	/** Streams a run's planned changes in group-id order: what the plan digest covers. */
	public void forEachChange(long runId, Consumer<SealedChange> consumer) {
		jdbc.query(connection -> {
			var statement = connection.prepareStatement(
					"SELECT group_id, prev_enabled, prev_type, target_enabled, "
							+ "target_type FROM wb_group WHERE run_id = ? AND decision = 'CHANGE' ORDER BY group_id",
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(1000);
			statement.setLong(1, runId);
			return statement;
		}, rs -> {
			consumer.accept(new SealedChange(rs.getString(1), new Writeback((Boolean) rs.getObject(2), rs.getString(3)),
					new Writeback((Boolean) rs.getObject(4), rs.getString(5))));
		});
	}

	/**
	 * Records a run's inventory kind unless one is recorded already (a restarted run
	 * keeps its first choice).
	 */
	public RunInventory recordInventory(RunInventory chosen) {
		Optional<RunInventory> recorded = inventory(chosen.runId());
		if (recorded.isPresent()) {
			return recorded.get();
		}
		jdbc.update("INSERT INTO wb_run_inventory (run_id, kind, reason, created_since) VALUES (?, ?, ?, ?)",
				chosen.runId(), chosen.kind().name(), truncate(chosen.reason(), 600),
				chosen.createdSince() == null ? null : Timestamp.from(chosen.createdSince()));
		return chosen;
	}

	public Optional<RunInventory> inventory(long runId) {
		return jdbc
			.query("SELECT run_id, kind, reason, created_since FROM wb_run_inventory WHERE run_id = ?", (rs, row) -> {
				Timestamp since = rs.getTimestamp(4);
				return new RunInventory(rs.getLong(1), InventoryKind.valueOf(rs.getString(2)), rs.getString(3),
						since == null ? null : since.toInstant());
			}, runId)
			.stream()
			.findFirst();
	}

	/**
	 * The runs that changed something: updated a group or the new-group default. An apply
	 * that changed nothing holds no previous state a rollback would need.
	 */
	public Set<Long> runsThatChangedSomething() {
		return new HashSet<>(jdbc.queryForList("SELECT DISTINCT run_id FROM wb_group WHERE outcome = 'UPDATED' "
				+ "UNION SELECT run_id FROM wb_setting_change WHERE outcome = 'UPDATED'", Long.class));
	}

	/** Ids of the groups that the given runs updated. */
	public List<String> updatedBy(List<Long> runIds) {
		if (runIds.isEmpty()) {
			return List.of();
		}
		return jdbc.queryForList("SELECT DISTINCT group_id FROM wb_group WHERE outcome = 'UPDATED' AND run_id IN ("
				+ placeholders(runIds) + ") ORDER BY group_id", String.class, runIds.toArray());
	}

	/** How many groups the given runs updated: {@link #updatedBy}'s size, counted. */
	public long countUpdatedBy(List<Long> runIds) {
		if (runIds.isEmpty()) {
			return 0;
		}
		Long count = jdbc.queryForObject("SELECT COUNT(DISTINCT group_id) FROM wb_group WHERE outcome = 'UPDATED' "
				+ "AND run_id IN (" + placeholders(runIds) + ")", Long.class, runIds.toArray());
		return count == null ? 0 : count;
	}

	/**
	 * Planned changes of {@code planRun} that run {@code runId} did not find again:
	 * deleted since the plan.
	 */
	public List<String> plannedButGone(long planRun, long runId) {
		return jdbc.queryForList("SELECT p.group_id FROM wb_group p WHERE p.run_id = ? AND p.decision = 'CHANGE' "
				+ "AND NOT EXISTS (SELECT 1 FROM wb_group c WHERE c.run_id = ? AND c.group_id = p.group_id) "
				+ "ORDER BY p.group_id", String.class, planRun, runId);
	}

	/**
	 * Every group {@code earlierRun} updated that run {@code runId} read again, with both
	 * states.
	 */
	public void forEachRevisit(long earlierRun, long runId, Consumer<Revisit> consumer) {
		jdbc.query("SELECT c.group_id, c.display_name, l.prev_enabled, l.prev_type, l.target_enabled, l.target_type, "
				+ "c.prev_enabled, c.prev_type, c.decision FROM wb_group l JOIN wb_group c ON c.run_id = ? "
				+ "AND c.group_id = l.group_id WHERE l.run_id = ? AND l.outcome = 'UPDATED' ORDER BY c.group_id",
				rs -> {
					String decision = rs.getString(9);
					consumer.accept(new Revisit(rs.getString(1), rs.getString(2),
							new Writeback((Boolean) rs.getObject(3), rs.getString(4)),
							new Writeback((Boolean) rs.getObject(5), rs.getString(6)),
							new Writeback((Boolean) rs.getObject(7), rs.getString(8)),
							decision == null ? null : Decision.valueOf(decision)));
				}, runId, earlierRun);
	}

	/**
	 * For each group that one of {@code runIds} recorded as turned back: the newest of
	 * those runs that did.
	 */
	public Map<String, Long> lastRecordedTurnBack(List<Long> runIds) {
		Map<String, Long> recorded = new HashMap<>();
		if (runIds.isEmpty()) {
			return recorded;
		}
		jdbc.query("SELECT group_id, MAX(run_id) FROM wb_reverted WHERE run_id IN (" + placeholders(runIds)
				+ ") GROUP BY group_id", rs -> {
					recorded.put(rs.getString(1), rs.getLong(2));
				}, runIds.toArray());
		return recorded;
	}

	/** Replaces what run {@code runId} found turned back since run {@code sinceRun}. */
	public void saveReverted(long runId, long sinceRun, List<RevertedGroup> groups) {
		jdbc.update("UPDATE wb_run_inventory SET compared_with = ? WHERE run_id = ?", sinceRun, runId);
		jdbc.update("DELETE FROM wb_reverted WHERE run_id = ?", runId);
		jdbc.batchUpdate(
				"INSERT INTO wb_reverted (run_id, group_id, display_name, set_by_run, now_state, changed_again) "
						+ "VALUES (?, ?, ?, ?, ?, ?)",
				groups, 1000, (ps, g) -> {
					ps.setLong(1, runId);
					ps.setString(2, g.id());
					ps.setString(3, truncate(g.displayName(), 512));
					ps.setString(4, g.setByRun());
					ps.setString(5, g.now());
					ps.setBoolean(6, g.changedAgain());
				});
	}

	/**
	 * What run {@code runId} recorded as turned back; empty when it compared with no
	 * earlier apply.
	 */
	public Optional<RevertedSince> reverted(long runId, int listed) {
		List<Long> since = jdbc.queryForList(
				"SELECT compared_with FROM wb_run_inventory WHERE run_id = ? " + "AND compared_with IS NOT NULL",
				Long.class, runId);
		if (since.isEmpty()) {
			return Optional.empty();
		}
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM wb_reverted WHERE run_id = ?", Long.class, runId);
		List<RevertedGroup> groups = jdbc.query(
				"SELECT group_id, display_name, set_by_run, now_state, changed_again "
						+ "FROM wb_reverted WHERE run_id = ? ORDER BY group_id LIMIT ?",
				(rs, row) -> new RevertedGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getBoolean(5)),
				runId, listed);
		return Optional.of(new RevertedSince(since.get(0), count == null ? 0 : count, groups));
	}

	private static String placeholders(List<?> values) {
		return String.join(",", Collections.nCopies(values.size(), "?"));
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
