package io.writebackbatch.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Refuses, before Spring builds the data source, a job-repository URL that cannot hold a
 * run's checkpoints: one that is not a JDBC URL at all (the data source would fail with a
 * stack trace deep in bean creation), and an unnamed H2 in-memory database, which
 * disappears with the process, so no run in it could ever be resumed; and a database
 * whose driver the jar does not bundle (only H2 and PostgreSQL are). An H2 URL without
 * {@code DB_CLOSE_ON_EXIT=FALSE} gets it: H2's own shutdown hook would otherwise close
 * the database under a run stopping on SIGTERM or Ctrl-C.
 */
final class RepositoryUrl {

	private static final String PROPERTY = "spring.datasource.url (SPRING_DATASOURCE_URL)";

	private static final Pattern UNNAMED_H2_MEMORY = Pattern.compile("(?i)jdbc:h2:mem:(;.*)?");

	private static final Pattern SUPPORTED = Pattern.compile("(?i)jdbc:(h2|postgresql):.*");

	private static final Pattern CERTIFICATE_FILE = Pattern.compile("(?i)[?&;](sslrootcert|sslcert|sslkey)=([^&;]+)");

	private static final Pattern H2_CLOSE_ON_EXIT = Pattern.compile("(?i).*;\\s*DB_CLOSE_ON_EXIT\\s*=.*");

	private RepositoryUrl() {
	}

	static void check(ConfigurableEnvironment environment) {
		String url = environment.getProperty("spring.datasource.url");
		if (url == null) {
			return;
		}
		if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
			throw new WritebackFailure(FailureKind.INVALID_INPUT, PROPERTY + " '" + shown(url)
					+ "' is not a JDBC URL; use jdbc:postgresql://host:5432/db (production) or jdbc:h2:file:./data/writeback");
		}
		if (UNNAMED_H2_MEMORY.matcher(url).matches()) {
			throw new WritebackFailure(FailureKind.INVALID_INPUT, PROPERTY + " '" + shown(url)
					+ "' is an unnamed in-memory database: it vanishes with the process, so no run could be resumed; "
					+ "use jdbc:h2:file:./data/writeback or PostgreSQL");
		}
		if (!SUPPORTED.matcher(url).matches()) {
			throw new WritebackFailure(FailureKind.INVALID_INPUT, PROPERTY + " '" + shown(url)
					+ "' names a database writeback-batch does not support (it bundles only the H2 and PostgreSQL "
					+ "drivers); use jdbc:postgresql://host:5432/db (production) or jdbc:h2:file:./data/writeback");
		}
		checkCertificateFiles(url);
		if (url.regionMatches(true, 0, "jdbc:h2:", 0, 8) && !H2_CLOSE_ON_EXIT.matcher(url).matches()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("writeback-h2-close-on-exit",
						Map.of("spring.datasource.url", url + ";DB_CLOSE_ON_EXIT=FALSE")));
		}
	}

	/**
	 * A PostgreSQL URL's CA ({@code sslrootcert}) and client certificate files must be
	 * readable files: otherwise the driver fails at every connection attempt with a
	 * message that looks like a network failure, and the run would be retried every night
	 * (exit 3) until a person mounts the file.
	 */
	private static void checkCertificateFiles(String url) {
		Matcher parameter = CERTIFICATE_FILE.matcher(url);
		while (parameter.find()) {
			String name = parameter.group(1);
			String value = URLDecoder.decode(parameter.group(2), StandardCharsets.UTF_8);
			Path file = Path.of(value);
			String problem = !Files.exists(file) ? "does not exist" : Files.isDirectory(file)
					? "is a folder, not a file" : !Files.isReadable(file) ? "cannot be read by this process" : null;
			if (problem != null) {
				throw new WritebackFailure(FailureKind.INVALID_INPUT,
						PROPERTY + " names " + name + "=" + value + ", which " + problem
								+ ": mount the database's CA certificate there (Kubernetes: the volume from the Secret "
								+ "or ConfigMap writeback-batch-db-ca, docs/guide/operations.md#postgresql-tls) "
								+ "or correct the path");
			}
		}
	}

	private static String shown(String url) {
		return url.replaceAll("(?i)password=[^;&]*", "password=***");
	}

}
