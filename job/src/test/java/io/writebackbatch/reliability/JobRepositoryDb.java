package io.writebackbatch.reliability;

import java.io.IOException;
import java.io.Reader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The job's H2 file repository, opened by the harness between job processes (embedded H2
 * allows one process at a time, so never while a job runs).
 */
final class JobRepositoryDb {

	private final String url;

	private final String user;

	private final String password;

	JobRepositoryDb(Path dir, String password) {
		this.url = url(dir);
		this.user = "sa";
		this.password = password;
	}

	/**
	 * The URL the job is given (SPRING_DATASOURCE_URL): a file database under
	 * {@code dir/db}, with {@code DB_CLOSE_ON_EXIT=FALSE} as the README asks of an H2 URL
	 * (else H2 closes the database under a run that is stopping on SIGTERM, and the run
	 * cannot record STOPPED).
	 */
	static String url(Path dir) {
		return "jdbc:h2:file:" + dir.resolve("db/writeback") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
	}

	/** One row of wb_group: the decision and the outcome. */
	record Row(long runId, String groupId, String decision, String outcome, Integer httpStatus, String errorCode) {
	}

	List<Row> groups() throws SQLException {
		List<Row> rows = new ArrayList<>();
		try (Connection c = connect();
				PreparedStatement ps = c.prepareStatement(
						"SELECT run_id, group_id, decision, outcome, http_status, error_code FROM wb_group");
				ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				int status = rs.getInt(5);
				rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.wasNull() ? null : status, rs.getString(6)));
			}
		}
		catch (SQLException e) {
			if (e.getMessage().contains("WB_GROUP") && e.getMessage().contains("not found")) {
				return rows; // killed before Flyway created the schema
			}
			throw e;
		}
		return rows;
	}

	/** Groups whose outcome UPDATED is recorded, in any run. */
	Set<String> recordedUpdated() throws SQLException {
		Set<String> ids = new HashSet<>();
		for (Row row : groups()) {
			if ("UPDATED".equals(row.outcome())) {
				ids.add(row.groupId());
			}
		}
		return ids;
	}

	/**
	 * The status of the latest job execution (e.g. STOPPED after a graceful stop), or
	 * "none".
	 */
	String lastExecutionStatus() throws SQLException {
		try (Connection c = connect();
				PreparedStatement ps = c.prepareStatement(
						"SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC FETCH FIRST 1 ROW ONLY");
				ResultSet rs = ps.executeQuery()) {
			return rs.next() ? rs.getString(1) : "none";
		}
		catch (SQLException e) {
			if (e.getMessage().contains("BATCH_JOB_EXECUTION") && e.getMessage().contains("not found")) {
				return "none"; // signalled before Flyway created the schema
			}
			throw e;
		}
	}

	/** Planned changes of one run, with their outcome (null: pending). */
	Map<String, Row> plannedChanges(long runId) throws SQLException {
		Map<String, Row> planned = new HashMap<>();
		for (Row row : groups()) {
			if (row.runId() == runId && "CHANGE".equals(row.decision())) {
				planned.put(row.groupId(), row);
			}
		}
		return planned;
	}

	/**
	 * Every value of every column of every table in the database (Spring Batch's BATCH_*
	 * tables with their job parameters and serialized execution contexts, wb_* staging
	 * tables, Flyway's history), CLOBs and BLOBs read in full, handed to {@code visitor}
	 * as (table.column, text). Returns the number of tables visited.
	 */
	int visitAllValues(BiConsumer<String, String> visitor) throws SQLException, IOException {
		List<String> tables = new ArrayList<>();
		try (Connection c = connect()) {
			try (ResultSet rs = c.createStatement()
				.executeQuery(
						"SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
				while (rs.next()) {
					tables.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
				}
			}
			for (String table : tables) {
				try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
					ResultSetMetaData meta = rs.getMetaData();
					while (rs.next()) {
						for (int i = 1; i <= meta.getColumnCount(); i++) {
							visitor.accept(table + "." + meta.getColumnName(i), text(rs.getObject(i)));
						}
					}
				}
			}
		}
		return tables.size();
	}

	private static String text(Object value) throws SQLException, IOException {
		if (value == null) {
			return "";
		}
		if (value instanceof Clob clob) {
			try (Reader r = clob.getCharacterStream()) {
				StringBuilder sb = new StringBuilder();
				char[] buf = new char[8192];
				for (int n = r.read(buf); n > 0; n = r.read(buf)) {
					sb.append(buf, 0, n);
				}
				return sb.toString();
			}
		}
		if (value instanceof Blob blob) {
			try (InputStream in = blob.getBinaryStream()) {
				return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			}
		}
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
		return String.valueOf(value);
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(url, user, password);
	}

}
