package io.writebackbatch.cli;

import java.util.regex.Pattern;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;

import org.springframework.core.env.Environment;

/**
 * Refuses, before Spring builds the data source, a job-repository URL that cannot hold a run's checkpoints: one that
 * is not a JDBC URL at all (the data source would fail with a stack trace deep in bean creation), and an unnamed H2
 * in-memory database, which disappears with the process, so no run in it could ever be resumed.
 */
final class RepositoryUrl {

	private static final String PROPERTY = "spring.datasource.url (SPRING_DATASOURCE_URL)";

	private static final Pattern UNNAMED_H2_MEMORY = Pattern.compile("(?i)jdbc:h2:mem:(;.*)?");

	private RepositoryUrl() {
	}

	static void check(Environment environment) {
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
	}

	private static String shown(String url) {
		return url.replaceAll("(?i)password=[^;&]*", "password=***");
	}
}
