package io.writebackbatch.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives the embedded H2 file back its free space when a command that wrote to it ends. H2
 * writes every commit as a new chunk and reuses the space of old ones only lazily, so a
 * run's file holds about ten times its live data (2 KB per group instead of under 200
 * bytes) until it is rewritten: {@code SHUTDOWN COMPACT} does that, into a new file that
 * replaces the old one atomically (a process killed meanwhile leaves the old file
 * intact). Skipped when the process is stopping (SIGTERM) or
 * {@code writeback.repository.compact} is false; PostgreSQL reuses the space of deleted
 * rows through autovacuum and needs nothing of this.
 */
@Component
public class RepositoryCompaction {

	private static final Logger log = LoggerFactory.getLogger(RepositoryCompaction.class);

	/** H2's error code when the database was closed by SHUTDOWN while a statement ran. */
	private static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

	private final DataSource dataSource;

	private final RepositoryDatabase database;

	private final GracefulShutdown shutdown;

	private final boolean enabled;

	public RepositoryCompaction(DataSource dataSource, RepositoryDatabase database, GracefulShutdown shutdown,
			@Value("${writeback.repository.compact:true}") boolean enabled) {
		this.dataSource = dataSource;
		this.database = database;
		this.shutdown = shutdown;
		this.enabled = enabled;
	}

	/**
	 * Compacts the embedded H2 file and closes the database: the last thing a command
	 * does with the repository.
	 */
	public void compactAndClose() {
		Optional<Path> file = database.h2File();
		if (!enabled || file.isEmpty() || shutdown.stopRequested()) {
			return;
		}
		long before = size(file.get());
		long start = System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			// H2 writes every error to <name>.trace.db (TRACE_LEVEL_FILE 1 by default),
			// and the database closed, the pool's closing of this very connection
			// (clearWarnings) and of the others is one: "Database is already closed
			// [90121]". None is a problem, so nothing is traced from here on (the level
			// is not persistent: the next open traces as its URL says)
			statement.execute("SET TRACE_LEVEL_FILE 0");
			statement.execute("SHUTDOWN COMPACT");
		}
		catch (SQLException e) {
			if (e.getErrorCode() == DATABASE_CALLED_AT_SHUTDOWN) {
				// H2 closed the database under this very statement: the compaction is
				// done
				compacted(file.get(), before, start);
				return;
			}
			log.warn("could not compact the H2 job repository {} ({}); it keeps its free space until the next run",
					file.get(), e.getMessage());
			return;
		}
		compacted(file.get(), before, start);
	}

	private static void compacted(Path file, long before, long start) {
		log.info("compacted the H2 job repository {}: {} MB -> {} MB in {} s", file, before >> 20, size(file) >> 20,
				(System.nanoTime() - start) / 1_000_000_000);
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			return -1;
		}
	}

}
