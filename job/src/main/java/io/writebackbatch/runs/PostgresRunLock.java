package io.writebackbatch.runs;

import io.writebackbatch.failure.FailureKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run lock in PostgreSQL: a session-level {@code pg_try_advisory_lock} on a connection
 * of its own.
 * <ul>
 * <li>The server drops it when the session ends, so a killed process never leaves it
 * behind. After a node loss the session ends when the server's TCP keepalive gives up:
 * this session asks for 30 s idle + 3 probes 10 s apart (instead of the operating
 * system's two hours), and a session silent for longer than the lease (a live run checks
 * its lock every second) is ended by the next run, which then takes the lock: so a
 * replacement pod is refused with exit 4 for at most about a minute, never until someone
 * intervenes.</li>
 * <li>A pooler in transaction or statement mode hands each statement to any server
 * session, where a session lock means nothing: the lock is checked on the session that
 * took it, and refused (exit 2) if it is not there.</li>
 * </ul>
 */
final class PostgresRunLock implements DefinitionLock.Held {

	private static final Logger log = LoggerFactory.getLogger(PostgresRunLock.class);

	/** The advisory lock of key {@code ?} as pg_locks shows it (two 32-bit halves). */
	private static final String HOLDER = "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
			+ "AND ((l.classid::bigint << 32) | l.objid::bigint) = ?";

	private final Connection connection;

	private final long key;

	private final int backendPid;

	private PostgresRunLock(Connection connection, long key, int backendPid) {
		this.connection = connection;
		this.key = key;
		this.backendPid = backendPid;
	}

	static PostgresRunLock take(Connection connection, String path, long key, Duration lease) throws SQLException {
		try (PreparedStatement keepalive = connection.prepareStatement("SELECT set_config('tcp_keepalives_idle', '30', "
				+ "false), set_config('tcp_keepalives_interval', '10', false), set_config('tcp_keepalives_count', '3', false)")) {
			keepalive.execute();
		}
		if (!tryLock(connection, key) && !(endSilentHolder(connection, key, lease) && tryLock(connection, key))) {
			DefinitionLock.closeQuietly(connection);
			throw new RunRefusedException(FailureKind.CONCURRENT_RUN,
					"another writeback-batch process is running definition " + path
							+ " (it holds the PostgreSQL advisory lock " + key
							+ "); wait for it to finish (its lock goes "
							+ "away with its database session, even if it is killed, and after " + lease.toSeconds()
							+ " s without a sign of life from it)");
		}
		PostgresRunLock lock = new PostgresRunLock(connection, key, backendPid(connection));
		try {
			lock.verify();
		}
		catch (SQLException e) {
			DefinitionLock.closeQuietly(connection);
			throw new RunRefusedException(FailureKind.INVALID_INPUT,
					"the PostgreSQL run lock does not hold on its own session (" + e.getMessage()
							+ "): the connection goes through a pooler in transaction or statement mode (e.g. "
							+ "PgBouncer pool_mode=transaction), where session-level advisory locks mean nothing; point "
							+ "SPRING_DATASOURCE_URL at the server itself or at a session-mode pool");
		}
		log.debug("holding the run lock of {} (advisory lock {}, backend {})", path, key, lock.backendPid);
		return lock;
	}

	private static boolean tryLock(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, key);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getInt(1);
		}
	}

	/**
	 * Ends the session holding the lock if it has been silent for longer than the lease
	 * (its process is gone but the server has not noticed yet). True when it did.
	 */
	private static boolean endSilentHolder(Connection connection, long key, Duration lease) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.state_change, "
				+ "pg_terminate_backend(a.pid) FROM pg_stat_activity a WHERE a.pid IN (SELECT l.pid " + HOLDER + ") "
				+ "AND a.state = 'idle' AND a.state_change < now() - make_interval(secs => ?)")) {
			statement.setLong(1, key);
			statement.setDouble(2, lease.toMillis() / 1000.0);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return false;
				}
				log.warn(
						"the run lock {} was held by database session {}, silent since {} (longer than the lease of {} s): "
								+ "its process is gone; ended that session ({})",
						key, rs.getInt(1), rs.getTimestamp(2), lease.toSeconds(),
						rs.getBoolean(3) ? "done" : "refused by the server");
			}
		}
		// pg_terminate_backend only signals: give the server a moment to end the session
		// and drop its locks
		for (int i = 0; i < 50; i++) {
			try (PreparedStatement held = connection.prepareStatement("SELECT COUNT(*) " + HOLDER)) {
				held.setLong(1, key);
				try (ResultSet rs = held.executeQuery()) {
					rs.next();
					if (rs.getInt(1) == 0) {
						return true;
					}
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	@Override
	public boolean exclusive() {
		return true;
	}

	/**
	 * The lock is held by this very session: a pooler did not hand the statement to
	 * another one.
	 */
	@Override
	public void verify() throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT pg_backend_pid(), EXISTS (SELECT 1 " + HOLDER + " AND l.pid = pg_backend_pid())")) {
			statement.setLong(1, key);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				if (rs.getInt(1) != backendPid || !rs.getBoolean(2)) {
					throw new SQLException("the advisory lock " + key + " taken by database session " + backendPid
							+ " is not held by session " + rs.getInt(1) + " that answered");
				}
			}
		}
	}

	@Override
	public void close() {
		// unlock before the connection goes back to the pool: a session-level lock
		// outlives the borrower
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
		DefinitionLock.closeQuietly(connection);
	}

}
