package io.writebackbatch.staging;

import java.util.Optional;

import io.writebackbatch.domain.SettingDecision;
import io.writebackbatch.domain.SettingOutcome;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The table {@code wb_setting_change}: at most one row per run. */
@Repository
public class SettingChangeRepository {

	private final JdbcTemplate jdbc;

	public SettingChangeRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the plan; a re-planned run (restart) replaces its row. */
	public void recordPlan(SettingChange change) {
		jdbc.update("DELETE FROM wb_setting_change WHERE run_id = ?", change.runId());
		jdbc.update(
				"INSERT INTO wb_setting_change (run_id, setting_existed, setting_id, previous_value, target_value, "
						+ "decision, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
				change.runId(), change.settingExisted(), change.settingId(), change.previousValue(),
				change.targetValue(), change.decision().name(), change.reason());
	}

	public void recordOutcome(long runId, SettingOutcome outcome) {
		jdbc.update("UPDATE wb_setting_change SET outcome = ? WHERE run_id = ?", outcome.name(), runId);
	}

	public Optional<SettingChange> find(long runId) {
		return jdbc
			.query("SELECT run_id, setting_existed, setting_id, previous_value, target_value, decision, "
					+ "reason, outcome FROM wb_setting_change WHERE run_id = ?",
					(rs, row) -> new SettingChange(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
							rs.getString(5), SettingDecision.valueOf(rs.getString(6)), rs.getString(7),
							rs.getString(8) == null ? null : SettingOutcome.valueOf(rs.getString(8))),
					runId)
			.stream()
			.findFirst();
	}

}
