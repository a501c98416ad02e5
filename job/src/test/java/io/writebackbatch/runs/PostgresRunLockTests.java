package io.writebackbatch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.writebackbatch.e2e.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL run lock on the machine's server: held and checked on its own session,
 * refused behind a pooler that hands statements to other sessions, and noticed when its
 * session ends.
 */
class PostgresRunLockTests {

	private static final Duration LEASE = Duration.ofMinutes(2);

	@RegisterExtension
	static final PostgresDatabase postgres = new PostgresDatabase("runlock");

	@Test
	void heldOnItsOwnSessionUntilClosed() throws Exception {
		long key = DefinitionLock.key("/jobs/held.yaml");
		try (PostgresRunLock lock = PostgresRunLock.take(postgres.connect(), "/jobs/held.yaml", key, LEASE)) {
			lock.verify();
			assertThatThrownBy(() -> PostgresRunLock.take(postgres.connect(), "/jobs/held.yaml", key, LEASE))
				.isInstanceOfSatisfying(RunRefusedException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
				.hasMessageContaining("another writeback-batch process is running definition /jobs/held.yaml");
		}
		try (PostgresRunLock again = PostgresRunLock.take(postgres.connect(), "/jobs/held.yaml", key, LEASE)) {
			again.verify(); // released by close
		}
	}

	@Test
	void behindATransactionModePoolerTheLockIsRefusedWithExit2() throws Exception {
		try (Connection first = postgres.connect(); Connection second = postgres.connect()) {
			Connection pooled = transactionPooler(first, second);
			assertThatThrownBy(() -> PostgresRunLock.take(pooled, "/jobs/pooled.yaml",
					DefinitionLock.key("/jobs/pooled.yaml"), LEASE))
				.isInstanceOfSatisfying(RunRefusedException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
				.hasMessageContaining("goes through a pooler in transaction or statement mode");
		}
	}

	@Test
	void aLockWhoseSessionWasEndedFailsItsCheck() throws Exception {
		long key = DefinitionLock.key("/jobs/ended.yaml");
		try (PostgresRunLock lock = PostgresRunLock.take(postgres.connect(), "/jobs/ended.yaml", key, LEASE);
				Connection admin = postgres.connect();
				Statement statement = admin.createStatement()) {
			statement
				.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 "
						+ "AND ((classid::bigint << 32) | objid::bigint) = " + key);
			Thread.sleep(500);
			assertThatThrownBy(lock::verify).isInstanceOf(SQLException.class);
		}
	}

	/**
	 * A connection that, like PgBouncer in transaction mode, runs each statement on the
	 * next server session.
	 */
	private static Connection transactionPooler(Connection... sessions) {
		AtomicInteger next = new AtomicInteger();
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					Connection session = method.getName().startsWith("prepare")
							|| method.getName().equals("createStatement")
									? sessions[next.getAndIncrement() % sessions.length] : sessions[0];
					if (method.getName().equals("close")) {
						return null; // the test closes the sessions
					}
					try {
						return method.invoke(session, args);
					}
					catch (InvocationTargetException e) {
						throw e.getCause();
					}
				});
	}

}
