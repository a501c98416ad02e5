package io.writebackbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How much of the embedded H2 job repository one run leaves per group: the file's peak
 * size while the job ran, its size after the job ended (compacted), and each table's
 * share as H2 counts it ({@code DISK_SPACE_USED}).
 */
record RepositorySize(String scenario, long groups, long peakBytes, long finalBytes, Map<String, Long> tables) {

	/**
	 * Where the job run by the benchmark keeps its H2 file (the default URL, under its
	 * working directory).
	 */
	static Path file(Path work) {
		return work.resolve("data/writeback.mv.db");
	}

	static long sizeOf(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException e) {
			return 0; // being replaced by the compaction
		}
	}

	static RepositorySize measure(String scenario, long groups, Path work, long peakBytes) throws SQLException {
		Path file = file(work);
		long finalBytes = sizeOf(file);
		Map<String, Long> tables = new LinkedHashMap<>();
		String name = file.toString().substring(0, file.toString().length() - ".mv.db".length());
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + name + ";ACCESS_MODE_DATA=r", "sa",
				"");
				Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT TABLE_NAME, DISK_SPACE_USED('PUBLIC.\"' || TABLE_NAME || '\"') "
							+ "FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 2 DESC")) {
			while (rs.next()) {
				tables.put(rs.getString(1), rs.getLong(2));
			}
		}
		return new RepositorySize(scenario, groups, Math.max(peakBytes, finalBytes), finalBytes, tables);
	}

	String describe() {
		StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
				"- %s: job repository (H2 file) after the run %,d bytes = %.0f bytes per group per run (target <= 200); "
						+ "peak while running %,d bytes = %.0f bytes per group; tables:",
				scenario, finalBytes, finalBytes / (double) groups, peakBytes, peakBytes / (double) groups));
		tables.forEach((table, bytes) -> {
			if (bytes > 0) {
				b.append(String.format(Locale.ROOT, " %s %.0f B/group,", table, bytes / (double) groups));
			}
		});
		b.setLength(b.length() - 1);
		return b.append('\n').toString();
	}
}
