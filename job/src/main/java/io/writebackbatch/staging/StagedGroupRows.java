package io.writebackbatch.staging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import org.jspecify.annotations.Nullable;

/**
 * Reads the columns of {@code wb_group} back into domain values; the enums are stored by
 * name.
 */
final class StagedGroupRows {

	private StagedGroupRows() {
	}

	static StagedGroup map(ResultSet rs, int row) throws SQLException {
		Timestamp created = rs.getTimestamp("created_at");
		Boolean targetEnabled = (Boolean) rs.getObject("target_enabled");
		String targetType = rs.getString("target_type");
		Object memberCount = rs.getObject("member_count");
		Object httpStatus = rs.getObject("http_status");
		return new StagedGroup(rs.getLong("run_id"), rs.getString("group_id"), rs.getString("display_name"),
				created == null ? null : created.toInstant(), rs.getBoolean("on_prem_sync"),
				new Writeback((Boolean) rs.getObject("prev_enabled"), rs.getString("prev_type")),
				decision(rs.getString("decision")), reasonCode(rs.getString("reason_code")), rs.getString("reason"),
				targetEnabled == null && targetType == null ? null : new Writeback(targetEnabled, targetType),
				memberCount == null ? null : ((Number) memberCount).longValue(), outcome(rs.getString("outcome")),
				httpStatus == null ? null : ((Number) httpStatus).intValue(), rs.getString("error_code"),
				rs.getString("error_message"), rs.getString("request_id"), rs.getBoolean("role_assignable"));
	}

	static @Nullable Decision decision(@Nullable String stored) {
		return stored == null ? null : Decision.valueOf(stored);
	}

	static @Nullable ReasonCode reasonCode(@Nullable String stored) {
		return stored == null ? null : ReasonCode.valueOf(stored);
	}

	static @Nullable Outcome outcome(@Nullable String stored) {
		return stored == null ? null : Outcome.valueOf(stored);
	}

}
