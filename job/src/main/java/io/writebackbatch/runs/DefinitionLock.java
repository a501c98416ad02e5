package io.writebackbatch.runs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import io.writebackbatch.ops.RepositoryCheck;
import io.writebackbatch.ops.RepositoryDatabase;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps two processes from running the same definition at once, chosen by the job
 * repository's database product ({@link RepositoryDatabase}, not the URL's prefix):
 * <ul>
 * <li>PostgreSQL: a session-level advisory lock keyed by the definition file's path, held
 * on a connection of its own for the whole run ({@link PostgresRunLock}).</li>
 * <li>Embedded H2 (file mode): the database file itself is locked by the process that
 * opened it, so there is nothing more to hold.</li>
 * <li>Any other database: no lock; a STARTED execution counts as stale only after
 * {@code writeback.runs.stale-after}.</li>
 * </ul>
 * While a lock is held (or the repository is exclusive), a STARTED execution of the
 * definition belongs to a process that is gone, and can be recovered at once. Every held
 * lock keeps a connection of its own, on which {@link Held#verify()} proves that the
 * repository still answers and the lock still holds.
 */
@Component
public class DefinitionLock {

	private static final Logger log = LoggerFactory.getLogger(DefinitionLock.class);

	private final DataSource dataSource;

	private final RepositoryDatabase database;

	private final RunsProperties properties;

	public DefinitionLock(DataSource dataSource, RepositoryDatabase database, RunsProperties properties) {
		this.dataSource = dataSource;
		this.database = database;
		this.properties = properties;
	}

	/** A held lock; closing it releases the lock and its connection. */
	public interface Held extends AutoCloseable, RepositoryCheck {

		/**
		 * True when no other process can be running this definition while the lock is
		 * held.
		 */
		boolean exclusive();

		@Override
		void close();

	}

	/**
	 * Takes the lock of a definition (its file path, or the key of a rollback), or
	 * refuses with exit code 4 when another process holds it (exit code 2 when the
	 * database cannot hold such a lock at all).
	 */
	public Held acquire(String path) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			RepositoryDatabase.Kind kind = database.kind();
			if (kind == RepositoryDatabase.Kind.POSTGRESQL) {
				return PostgresRunLock.take(connection, path, key(path), properties.lockLease());
			}
			if (kind == RepositoryDatabase.Kind.H2_EMBEDDED_FILE) {
				// A checkpoint must be on disk when its chunk's PATCHes are: with H2's
				// default write delay (500 ms) a killed process loses its last commits,
				// and its run is resumed from an older checkpoint (pages listed, groups
				// patched again). The default URL says WRITE_DELAY=0; an operator's own
				// URL may not.
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET WRITE_DELAY 0");
				}
				catch (SQLException e) {
					log.warn("could not turn off the H2 file's write delay ({}): a killed process may lose its last "
							+ "checkpoint; add ;WRITE_DELAY=0 to spring.datasource.url", e.getMessage());
				}
			}
			return new RepositorySession(connection, kind == RepositoryDatabase.Kind.H2_EMBEDDED_FILE,
					database.h2File(), (int) Math.max(1, properties.repositoryCheckTimeout().toSeconds()));
		}
		catch (SQLException e) {
			closeQuietly(connection);
			throw new IllegalStateException(
					"could not take the run lock of " + path + " in the job repository: " + e.getMessage(), e);
		}
		catch (RuntimeException e) {
			closeQuietly(connection);
			throw e;
		}
	}

	/**
	 * A stable 64-bit key for the advisory lock: the first 8 bytes of SHA-256 of the
	 * definition's path.
	 */
	static long key(String path) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("writeback-batch:" + path).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static void closeQuietly(@Nullable Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// nothing to do: the session ends and the server drops its locks
			}
		}
	}

	/** No lock to hold (H2, others): the connection only serves the health check. */
	private record RepositorySession(Connection connection, boolean exclusive, Optional<Path> file,
			int timeoutSeconds) implements Held {

		@Override
		public void verify() throws SQLException {
			if (file.isPresent() && !Files.exists(file.get())) {
				throw new SQLException(
						"the H2 database file " + file.get() + " was deleted while the run was using it; "
								+ "what this run recorded since it started is lost with the process");
			}
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(timeoutSeconds);
				statement.executeQuery("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION").close();
			}
		}

		@Override
		public void close() {
			closeQuietly(connection);
		}
	}

}
