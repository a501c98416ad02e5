package io.writebackbatch.staging;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.domain.PlannedGroup;
import io.writebackbatch.domain.Writeback;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.SqlPagingQueryProviderFactoryBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The staging table {@code wb_group}: the only place that knows its SQL. */
@Repository
public class StagingRepository {

	public static final String COLUMNS = "run_id, group_id, display_name, created_at, on_prem_sync, prev_enabled, "
			+ "prev_type, decision, reason_code, reason, target_enabled, target_type, member_count, outcome, http_status, "
			+ "error_code, error_message, request_id, role_assignable";

	public static final RowMapper<StagedGroup> ROW_MAPPER = StagedGroupRows::map;

	private static final int DELETE_SLICE = 20_000;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	public StagingRepository(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	public DataSource dataSource() {
		return dataSource;
	}

	/**
	 * A paging reader over one run's rows matching {@code condition} (SQL, may use
	 * {@code :runId}), in group-id order. The ORDER BY names {@code run_id} too, which
	 * the WHERE clause fixes: so H2 reads each page straight from the primary key instead
	 * of sorting every matching row for every page (quadratic on large runs).
	 */
	public JdbcPagingItemReader<StagedGroup> reader(String name, long runId, String condition, int pageSize,
			boolean saveState) throws Exception {
		SqlPagingQueryProviderFactoryBean factory = new SqlPagingQueryProviderFactoryBean();
		factory.setDataSource(dataSource);
		factory.setSelectClause("SELECT " + COLUMNS);
		factory.setFromClause("FROM wb_group");
		factory.setWhereClause("WHERE run_id = :runId" + (condition.isEmpty() ? "" : " AND " + condition));
		factory.setSortKeys(Map.of("group_id", Order.ASCENDING));
		List<String> leading = List.of("run_id");
		return new JdbcPagingItemReaderBuilder<StagedGroup>().name(name)
			.dataSource(dataSource)
			.queryProvider(new IndexOrderedQueryProvider(factory.getObject(), leading))
			.parameterValues(Map.of("runId", runId))
			.rowMapper(ROW_MAPPER)
			.pageSize(pageSize)
			.saveState(saveState)
			.build();
	}

	/**
	 * Before a (re)started apply: groups that failed are planned changes to try again,
	 * like those never sent.
	 */
	public int clearFailedOutcomes(long runId) {
		return jdbc.update(
				"UPDATE wb_group SET outcome = NULL WHERE run_id = ? AND decision = 'CHANGE' AND outcome = 'FAILED'",
				runId);
	}

	/**
	 * Inserts or replaces the inventory rows; a re-listed group keeps only its newest
	 * state.
	 */
	public void upsertInventory(long runId, List<? extends GroupSnapshot> groups) {
		jdbc.batchUpdate("DELETE FROM wb_group WHERE run_id = ? AND group_id = ?", groups, groups.size(), (ps, g) -> {
			ps.setLong(1, runId);
			ps.setString(2, g.id());
		});
		jdbc.batchUpdate(
				"INSERT INTO wb_group (run_id, group_id, display_name, created_at, on_prem_sync, prev_enabled, "
						+ "prev_type, role_assignable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				groups, groups.size(), (ps, g) -> {
					ps.setLong(1, runId);
					ps.setString(2, g.id());
					ps.setString(3, truncate(g.displayName(), 512));
					ps.setObject(4, g.createdDateTime() == null ? null : Timestamp.from(g.createdDateTime()),
							Types.TIMESTAMP);
					ps.setBoolean(5, g.onPremisesSyncEnabled());
					ps.setObject(6, g.writeback().isEnabled(), Types.BOOLEAN);
					ps.setString(7, g.writeback().onPremisesGroupType());
					ps.setBoolean(8, g.roleAssignable());
				});
	}

	public void recordDecisions(long runId, List<? extends PlannedGroup> decisions) {
		updateGroups(runId, "decision = ?, reason_code = ?, reason = ?, target_enabled = ?, target_type = ?", decisions,
				PlannedGroup::groupId, (ps, d) -> {
					ps.setString(1, d.decision().name());
					ps.setString(2, d.reasonCode().name());
					ps.setString(3, truncate(d.reason(), 600));
					ps.setObject(4, d.target() == null ? null : d.target().isEnabled(), Types.BOOLEAN);
					ps.setString(5, d.target() == null ? null : d.target().onPremisesGroupType());
				});
	}

	/**
	 * Records outcomes as soon as a batch settles, so that a restart re-sends only
	 * requests that were in flight.
	 */
	public void recordOutcomes(long runId, List<? extends PatchOutcome> outcomes) {
		updateGroups(runId, "outcome = ?, http_status = ?, error_code = ?, error_message = ?, request_id = ?", outcomes,
				PatchOutcome::groupId, (ps, o) -> {
					ps.setString(1, o.status().name());
					ps.setInt(2, o.httpStatus());
					ps.setString(3, truncate(o.errorCode(), 128));
					ps.setString(4, truncate(o.errorMessage(), 1000));
					ps.setString(5, truncate(o.requestId(), 64));
				});
	}

	/**
	 * One batched {@code UPDATE wb_group SET <columns> WHERE run_id = ? AND group_id = ?}
	 * per row: {@code columns} sets its parameters from the first on, the run and the
	 * row's group id follow.
	 */
	private <T> void updateGroups(long runId, String columns, List<? extends T> rows, Function<T, String> groupId,
			ParameterizedPreparedStatementSetter<T> values) {
		int set = (int) columns.chars().filter(c -> c == '?').count();
		jdbc.batchUpdate("UPDATE wb_group SET " + columns + " WHERE run_id = ? AND group_id = ?", rows, rows.size(),
				(ps, row) -> {
					values.setValues(ps, row);
					ps.setLong(set + 1, runId);
					ps.setString(set + 2, groupId.apply(row));
				});
	}

	/**
	 * Deletes every staging row of a run (groups, the setting change, change control's
	 * records), in slices of {@value #DELETE_SLICE} groups so that no transaction has to
	 * hold a million-group run's undo log.
	 */
	public long deleteRun(long runId) {
		long deleted = 0;
		int slice;
		do {
			slice = jdbc.update("DELETE FROM wb_group WHERE run_id = ? AND group_id <= (SELECT MAX(group_id) FROM "
					+ "(SELECT group_id FROM wb_group WHERE run_id = ? ORDER BY run_id, group_id LIMIT " + DELETE_SLICE
					+ ") slice)", runId, runId);
			deleted += slice;
		}
		while (slice > 0);
		jdbc.update("DELETE FROM wb_setting_change WHERE run_id = ?", runId);
		// change control's records of the run (V12): its plan seal, inventory kind and
		// the groups found turned back
		for (String table : List.of("wb_plan_seal", "wb_run_inventory", "wb_reverted")) {
			jdbc.update("DELETE FROM " + table + " WHERE run_id = ?", runId);
		}
		return deleted;
	}

	/** The runs that have staging rows, with how many groups each holds. */
	public Map<Long, Long> groupCountsByRun() {
		Map<Long, Long> counts = new LinkedHashMap<>();
		jdbc.query("SELECT run_id, COUNT(*) FROM wb_group GROUP BY run_id ORDER BY run_id", rs -> {
			counts.put(rs.getLong(1), rs.getLong(2));
		});
		return counts;
	}

	public Optional<StagedGroup> find(long runId, String groupId) {
		return jdbc
			.query("SELECT " + COLUMNS + " FROM wb_group WHERE run_id = ? AND group_id = ?", ROW_MAPPER, runId, groupId)
			.stream()
			.findFirst();
	}

	/** Records member counts, given as group id to count. */
	public void recordMemberCounts(long runId, List<? extends Map.Entry<String, Long>> counts) {
		jdbc.batchUpdate("UPDATE wb_group SET member_count = ? WHERE run_id = ? AND group_id = ?", counts,
				counts.size(), (ps, c) -> {
					ps.setLong(1, c.getValue());
					ps.setLong(2, runId);
					ps.setString(3, c.getKey());
				});
	}

	public long countPlannedChanges(long runId) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM wb_group WHERE run_id = ? AND decision = 'CHANGE'",
				Long.class, runId);
		return count == null ? 0 : count;
	}

	/**
	 * Planned changes that have no outcome yet (what an apply step still has to send).
	 */
	public long countPendingChanges(long runId) {
		Long count = jdbc.queryForObject(
				"SELECT COUNT(*) FROM wb_group WHERE run_id = ? AND decision = 'CHANGE' AND outcome IS NULL",
				Long.class, runId);
		return count == null ? 0 : count;
	}

	/**
	 * Member-audit figures: groups counted, over {@code limit}, over {@code hardLimit}.
	 */
	public long[] memberCountTally(long runId, long limit, long hardLimit) {
		return jdbc.queryForObject("SELECT COUNT(member_count), "
				+ "COALESCE(SUM(CASE WHEN member_count > ? THEN 1 ELSE 0 END), 0), "
				+ "COALESCE(SUM(CASE WHEN member_count > ? THEN 1 ELSE 0 END), 0) FROM wb_group WHERE run_id = ?",
				(rs, row) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }, limit, hardLimit, runId);
	}

	public long countGroups(long runId) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM wb_group WHERE run_id = ?", Long.class, runId);
		return count == null ? 0 : count;
	}

	/**
	 * How many groups each (decision, reason code, outcome) combination has, for reports
	 * and progress.
	 */
	public List<DecisionTally> tally(long runId) {
		return jdbc.query(
				"SELECT decision, reason_code, outcome, COUNT(*) FROM wb_group WHERE run_id = ? "
						+ "GROUP BY decision, reason_code, outcome ORDER BY decision, reason_code, outcome",
				(rs, row) -> new DecisionTally(StagedGroupRows.decision(rs.getString(1)),
						StagedGroupRows.reasonCode(rs.getString(2)), StagedGroupRows.outcome(rs.getString(3)),
						rs.getLong(4)),
				runId);
	}

	/**
	 * How many groups have each combination of stored state before the run, decision,
	 * planned target and outcome: the report's before/after chart, without reading every
	 * row.
	 */
	public List<WritebackTally> writebackTally(long runId) {
		return jdbc.query("SELECT prev_enabled, prev_type, decision, target_enabled, target_type, outcome, COUNT(*) "
				+ "FROM wb_group WHERE run_id = ? GROUP BY prev_enabled, prev_type, decision, target_enabled, target_type, "
				+ "outcome", (rs, row) -> {
					Boolean targetEnabled = (Boolean) rs.getObject(4);
					String targetType = rs.getString(5);
					return new WritebackTally(new Writeback((Boolean) rs.getObject(1), rs.getString(2)),
							StagedGroupRows.decision(rs.getString(3)),
							targetEnabled == null && targetType == null ? null
									: new Writeback(targetEnabled, targetType),
							StagedGroupRows.outcome(rs.getString(6)), rs.getLong(7));
				}, runId);
	}

	/** Streams a run's rows in group-id order without holding them all in memory. */
	public void forEach(long runId, Consumer<StagedGroup> consumer) {
		jdbc.query(connection -> {
			var statement = connection.prepareStatement(
					"SELECT " + COLUMNS + " FROM wb_group WHERE run_id = ? ORDER BY run_id, group_id",
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(1000);
			statement.setLong(1, runId);
			return statement;
		}, rs -> {
			consumer.accept(StagedGroupRows.map(rs, 0));
		});
	}

	private static @Nullable String truncate(@Nullable String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
