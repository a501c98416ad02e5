package io.writebackbatch.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of one test class's own: {@code initdb} in a temporary folder,
 * listening on a free port of 127.0.0.1 only (no Unix socket), password authentication
 * (scram-sha-256), stopped and deleted by {@link #close()}. Owning the server is what
 * lets a test stop and start it under a running job; it takes about two seconds. The
 * server binaries are Debian's ({@code /usr/lib/postgresql/<newest>/bin}, package
 * {@code postgresql}); as root the server runs as the {@code postgres} user, since
 * {@code initdb} refuses root.
 */
final class PostgresServer implements AutoCloseable {

	static final String SUPERUSER = "postgres";

	private static final String SUPERUSER_PASSWORD = "superuser-test-Pw-31c9";

	private final Path bin;

	private final Path dir;

	private final int port;

	private PostgresServer(Path bin, Path dir, int port) {
		this.bin = bin;
		this.dir = dir;
		this.port = port;
	}

	/**
	 * Creates and starts a server; throws {@link IllegalStateException} saying why when
	 * it cannot.
	 */
	static PostgresServer start() throws IOException, InterruptedException {
		Path bin = binaries().orElseThrow(() -> new IllegalStateException(unavailable()));
		Path dir = Files.createTempDirectory("writeback-pg-");
		if (root()) {
			UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
			Files.setOwner(dir, users.lookupPrincipalByName(SUPERUSER));
		}
		Path passwordFile = Files.writeString(dir.resolve("superuser.pw"), SUPERUSER_PASSWORD);
		if (root()) {
			Files.setOwner(passwordFile, Files.getOwner(dir));
		}
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		PostgresServer server = new PostgresServer(bin, dir, port);
		server.run("initdb", "-D", server.data().toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
				"--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
		// quick and small: a test server whose data may be lost at a crash
		Files.writeString(server.data().resolve("postgresql.conf"),
				String.join("\n", "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''",
						"fsync = off", "synchronous_commit = off", "full_page_writes = off", "shared_buffers = 16MB",
						"max_connections = 60", ""),
				java.nio.file.StandardOpenOption.APPEND);
		server.startAgain();
		return server;
	}

	/** A JDBC URL of a database on this server. */
	String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	Connection connectAsSuperuser() throws SQLException {
		return DriverManager.getConnection(url("postgres"), SUPERUSER, SUPERUSER_PASSWORD);
	}

	/**
	 * {@code pg_ctl stop -m fast}: every session is ended (SQLState 57P01), then the
	 * server is down.
	 */
	void stop() throws IOException, InterruptedException {
		run("pg_ctl", "stop", "-D", data().toString(), "-m", "fast", "-w", "-t", "60");
	}

	/** {@code pg_ctl start}, waiting until it accepts connections. */
	void startAgain() throws IOException, InterruptedException {
		run("pg_ctl", "start", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60");
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			if (Files.exists(data().resolve("postmaster.pid"))) {
				run("pg_ctl", "stop", "-D", data().toString(), "-m", "immediate", "-w", "-t", "60");
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	/** The postmaster's process id (the first line of {@code postmaster.pid}). */
	long postmasterPid() throws IOException {
		return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).strip());
	}

	private Path data() {
		return dir.resolve("data");
	}

	/**
	 * Runs a server program (as {@code postgres} when this JVM is root); its output goes
	 * to the folder's log.
	 */
	private void run(String program, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (root()) {
			command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
		}
		command.add(bin.resolve(program).toString());
		command.addAll(List.of(args));
		Path log = dir.resolve(program + ".log");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(program + " did not finish within 90 s; see " + log);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": "
					+ Files.readString(log).strip());
		}
	}

	private static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	/** Why no server can be made here, or null. */
	static String unavailable() {
		if (binaries().isEmpty()) {
			return "no PostgreSQL server installed (no /usr/lib/postgresql/<version>/bin/initdb): apt-get install postgresql";
		}
		if (root()) {
			try {
				Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
			}
			catch (IOException e) {
				return "running as root, but there is no user " + SUPERUSER
						+ " to run the server as (initdb refuses root)";
			}
		}
		return null;
	}

	/** The newest installed server's programs. */
	private static Optional<Path> binaries() {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
				.max(Comparator
					.comparingInt(v -> Integer.parseInt("0" + v.getFileName().toString().replaceAll("\\D", ""))))
				.map(v -> v.resolve("bin"));
		}
		catch (IOException e) {
			return Optional.empty();
		}
	}

}
