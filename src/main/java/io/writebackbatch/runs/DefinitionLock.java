package io.writebackbatch.runs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.writebackbatch.ops.ExitCodes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps two processes from running the same definition at once.
 * <ul>
 * <li>PostgreSQL: a session-level {@code pg_try_advisory_lock} keyed by the definition file's path, held on a
 * connection of its own for the whole run. The server drops it when that connection ends, so a killed process (even
 * {@code kill -9}) never leaves it behind.</li>
 * <li>Embedded H2 (file mode): the database file itself is locked by the process that opened it, so there is nothing
 * more to hold.</li>
 * <li>Any other database: no lock; a STARTED execution counts as stale only after {@code writeback.runs.stale-after}.</li>
 * </ul>
 * While a lock is held (or the repository is exclusive), a STARTED execution of the definition belongs to a process
 * that is gone, and can be recovered at once.
 */
@Component
public class DefinitionLock {

	private static final Logger log = LoggerFactory.getLogger(DefinitionLock.class);

	private final DataSource dataSource;

	private final Kind kind;

	enum Kind {
		/** pg_try_advisory_lock */
		POSTGRES,
		/** the embedded database is locked by this process */
		EXCLUSIVE,
		/** no lock: stale-after decides */
		NONE
	}

	public DefinitionLock(DataSource dataSource, @Value("${spring.datasource.url:}") String datasourceUrl) {
		this.dataSource = dataSource;
		this.kind = datasourceUrl.startsWith("jdbc:postgresql:") ? Kind.POSTGRES
				: datasourceUrl.startsWith("jdbc:h2:") && !datasourceUrl.contains("AUTO_SERVER=TRUE") ? Kind.EXCLUSIVE
						: Kind.NONE;
	}

	/** A held lock; closing it releases the lock. */
	public interface Held extends AutoCloseable {

		/** True when no other process can be running this definition while the lock is held. */
		boolean exclusive();

		@Override
		void close();
	}

	/**
	 * Takes the lock of a definition (its file path, or the key of a rollback), or refuses with exit code 4 when another
	 * process holds it.
	 */
	public Held acquire(String path) {
		if (kind != Kind.POSTGRES) {
			boolean exclusive = kind == Kind.EXCLUSIVE;
			return new Held() {
				@Override
				public boolean exclusive() {
					return exclusive;
				}

				@Override
				public void close() {
				}
			};
		}
		long key = key(path);
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			boolean locked;
			try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				statement.setLong(1, key);
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					locked = rs.getBoolean(1);
				}
			}
			if (!locked) {
				connection.close();
				throw new RunRefusedException(ExitCodes.ALREADY_RUNNING, "another writeback-batch process is running definition "
						+ path + " (it holds the PostgreSQL advisory lock " + key + "); wait for it to "
						+ "finish (its lock goes away with its database session, even if it is killed)");
			}
			log.debug("holding the run lock of {} (advisory lock {})", path, key);
			return new PostgresLock(connection, key);
		}
		catch (SQLException e) {
			closeQuietly(connection);
			throw new IllegalStateException("could not take the run lock of " + path + " in PostgreSQL: " + e.getMessage(),
					e);
		}
	}

	/** A stable 64-bit key for the advisory lock: the first 8 bytes of SHA-256 of the definition's path. */
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

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// nothing to do: the session ends and the server drops its locks
			}
		}
	}

	private record PostgresLock(Connection connection, long key) implements Held {

		@Override
		public boolean exclusive() {
			return true;
		}

		@Override
		public void close() {
			// unlock before the connection goes back to the pool: a session-level lock outlives the borrower
			try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
				statement.setLong(1, key);
				statement.execute();
			}
			catch (SQLException e) {
				log.warn("could not release the run lock {} ({}); it goes away with the database session", key,
						e.getMessage());
				try {
					connection.abort(Runnable::run);
				}
				catch (SQLException ignored) {
					// the pool discards the connection
				}
			}
			closeQuietly(connection);
		}
	}
}
