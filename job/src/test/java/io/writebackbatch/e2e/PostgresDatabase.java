package io.writebackbatch.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database for one test class, on the machine's PostgreSQL server. The server is started (and
 * the role {@code writeback} created) once per JVM by {@code src/test/scripts/postgres-up.sh}; each test class then
 * gets a database of its own, dropped afterwards, so reruns start clean.
 * <p>
 * Without a server: in CI ({@code CI=true}) the tests fail, naming the reason; elsewhere they are skipped with it.
 * {@code -Dwriteback.test.postgres.url=jdbc:postgresql://...} (with {@code .username}, {@code .password}) uses an
 * existing server instead of the script; its user needs CREATEDB.
 */
public final class PostgresDatabase implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

	static final String USERNAME = System.getProperty("writeback.test.postgres.username", "writeback");

	/** Known on purpose: the secrets test looks for it everywhere the job writes. */
	static final String PASSWORD = System.getProperty("writeback.test.postgres.password", "writeback-test-Pw-5e8c1d");

	private static String serverUrl;

	private static String unavailable;

	private final String prefix;

	private String url;

	private String database;

	private final List<String> extra = new ArrayList<>();

	public PostgresDatabase(String prefix) {
		this.prefix = prefix;
	}

	String url() {
		return url;
	}

	String database() {
		return database;
	}

	/** Another empty database on the same server, dropped with this one; returns its URL. */
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

	private static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/** Outside CI, no server means the class is skipped, with the reason on the console and in the report. */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (server() != null || ci()) {
			return ConditionEvaluationResult.enabled("PostgreSQL server available (or CI, where its absence fails)");
		}
		String message = "PostgreSQL tests skipped outside CI: " + unavailable;
		if (context.getTestMethod().isEmpty()) {
			System.err.println(context.getDisplayName() + ": " + message);
		}
		return ConditionEvaluationResult.disabled(message);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String server = server();
		if (server == null) {
			throw new AssertionError("PostgreSQL tests need a PostgreSQL server: " + unavailable
					+ " (CI=true: failing instead of skipping)");
		}
		database = ("wbt_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		try (Connection admin = DriverManager.getConnection(server, USERNAME, PASSWORD);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		url = server.substring(0, server.lastIndexOf('/') + 1) + database;
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (database != null) {
			try (Connection admin = DriverManager.getConnection(serverUrl, USERNAME, PASSWORD);
					Statement statement = admin.createStatement()) {
				for (String name : extra) {
					statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				}
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

	private static void probe(String candidate) {
		try (Connection probe = DriverManager.getConnection(candidate, USERNAME, PASSWORD)) {
			serverUrl = candidate;
		}
		catch (SQLException e) {
			unavailable = "cannot connect to " + candidate + " as " + USERNAME + ": " + e.getMessage();
		}
	}

	/** The URL of the database the script made (or was given), or null with {@link #unavailable} saying why. */
	private static synchronized String server() {
		if (serverUrl != null || unavailable != null) {
			return serverUrl;
		}
		String given = System.getProperty("writeback.test.postgres.url");
		if (given != null && !given.isBlank()) {
			probe(given);
			return serverUrl;
		}
		try {
			Path script = Path.of("job/src/test/scripts/postgres-up.sh");
			Path log = Files.createTempFile("postgres-up", ".log");
			ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectError(log.toFile());
			builder.environment().put("WRITEBACK_TEST_PG_USER", USERNAME);
			builder.environment().put("WRITEBACK_TEST_PG_PASSWORD", PASSWORD);
			Process process = builder.start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				unavailable = script + " did not finish within 5 minutes";
				return null;
			}
			String errors = Files.readString(log).trim();
			Files.deleteIfExists(log);
			String lastLine = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
			if (process.exitValue() != 0 || !lastLine.startsWith("jdbc:postgresql:")) {
				unavailable = script + " exited " + process.exitValue() + ": " + errors;
				return null;
			}
			probe(lastLine);
		}
		catch (IOException e) {
			unavailable = "cannot run src/test/scripts/postgres-up.sh: " + e.getMessage();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			unavailable = "interrupted";
		}
		return serverUrl;
	}
}
