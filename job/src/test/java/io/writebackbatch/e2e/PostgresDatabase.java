package io.writebackbatch.e2e;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database for one test class, on a server of the class's own
 * ({@link PostgresServer}: started before the class's first test, deleted after its
 * last), so a test may also stop and start the server under a running job
 * ({@link #stopServer()}, {@link #startServer()}). The job connects as the role
 * {@code writeback} (LOGIN CREATEDB, no superuser), which owns the database.
 * <p>
 * Without the server binaries (Debian's {@code postgresql} package): in CI
 * ({@code CI=true}) the tests fail, naming the reason; elsewhere they are skipped with
 * it. {@code -Dwriteback.test.postgres.url=jdbc:postgresql://...} (with
 * {@code .username}, {@code .password}) uses an existing server instead (its user needs
 * CREATEDB); the tests that stop the server are then skipped.
 */
public final class PostgresDatabase implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, AutoCloseable {

	public static final String USERNAME = System.getProperty("writeback.test.postgres.username", "writeback");

	/** Known on purpose: the secrets test looks for it everywhere the job writes. */
	public static final String PASSWORD = System.getProperty("writeback.test.postgres.password",
			"writeback-test-Pw-5e8c1d");

	private static final String GIVEN_URL = System.getProperty("writeback.test.postgres.url", "");

	private final String prefix;

	private PostgresServer server;

	private String serverUrl;

	private String url;

	private String database;

	private final List<String> extra = new ArrayList<>();

	public PostgresDatabase(String prefix) {
		this.prefix = prefix;
	}

	public String url() {
		return url;
	}

	/**
	 * The process id of the server's postmaster (its backends are its children), when the
	 * server is this object's own.
	 */
	public OptionalLong serverPid() throws IOException {
		return server == null ? OptionalLong.empty() : OptionalLong.of(server.postmasterPid());
	}

	String database() {
		return database;
	}

	/**
	 * Another empty database on the same server, dropped with this one; returns its URL.
	 */
	String createEmptyDatabase(String suffix) throws SQLException {
		String name = database + "_" + suffix;
		try (Connection admin = DriverManager.getConnection(serverUrl, USERNAME, PASSWORD);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		extra.add(name);
		return url.substring(0, url.lastIndexOf('/') + 1) + name;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url, USERNAME, PASSWORD);
	}

	/**
	 * {@code pg_ctl stop -m fast}: what a restart or fail-over does to the job's
	 * sessions, then no server.
	 */
	void stopServer() throws Exception {
		ownServer().stop();
	}

	void startServer() throws Exception {
		ownServer().startAgain();
	}

	private PostgresServer ownServer() {
		Assumptions.assumeTrue(server != null,
				"needs a PostgreSQL server of its own (not -Dwriteback.test.postgres.url)");
		return server;
	}

	private static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * Outside CI, no server means the class is skipped, with the reason on the console
	 * and in the report.
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String unavailable = unavailable();
		if (unavailable == null || ci()) {
			return ConditionEvaluationResult.enabled("PostgreSQL available (or CI, where its absence fails)");
		}
		String message = "PostgreSQL tests skipped outside CI: " + unavailable;
		if (context.getTestMethod().isEmpty()) {
			System.err.println(context.getDisplayName() + ": " + message);
		}
		return ConditionEvaluationResult.disabled(message);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		open();
	}

	/**
	 * Starts the server (unless one is given) and creates the database: what
	 * {@link #beforeAll} does, for a benchmark that is not a JUnit extension's user.
	 */
	public PostgresDatabase open() throws Exception {
		String unavailable = unavailable();
		if (unavailable != null) {
			throw new AssertionError("PostgreSQL tests need a PostgreSQL server: " + unavailable
					+ " (CI=true: failing instead of skipping)");
		}
		database = ("wbt_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		if (GIVEN_URL.isBlank()) {
			server = PostgresServer.start();
			try (Connection admin = server.connectAsSuperuser(); Statement statement = admin.createStatement()) {
				statement.execute("CREATE ROLE " + USERNAME + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
			}
			serverUrl = server.url("postgres");
		}
		else {
			serverUrl = GIVEN_URL;
		}
		try (Connection admin = DriverManager.getConnection(serverUrl, USERNAME, PASSWORD);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
		return this;
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		close();
	}

	@Override
	public void close() throws Exception {
		if (server != null) {
			server.close(); // the databases go with it
			server = null;
		}
		else if (database != null) {
			try (Connection admin = DriverManager.getConnection(serverUrl, USERNAME, PASSWORD);
					Statement statement = admin.createStatement()) {
				for (String name : extra) {
					statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				}
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

	/** Why there is no server to test on, or null. */
	private static String unavailable() {
		if (!GIVEN_URL.isBlank()) {
			try (Connection probe = DriverManager.getConnection(GIVEN_URL, USERNAME, PASSWORD)) {
				return null;
			}
			catch (SQLException e) {
				return "cannot connect to " + GIVEN_URL + " as " + USERNAME + ": " + e.getMessage();
			}
		}
		return PostgresServer.unavailable();
	}

}
