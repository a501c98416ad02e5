package io.writebackbatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A job repository whose job and step executions are numbered apart from every other
 * repository a command in this JVM creates, for commands run side by side in one JVM.
 * Spring Batch's step and job scopes keep the scoped beans of the executions in progress
 * in JVM-wide maps keyed by the execution, and an execution equals another of the same
 * id: two contexts with in-memory repositories both at step 1 shared their step-scoped
 * readers ("Cannot open an already opened ItemReader"; four matrix cells at once listed
 * from one simulator). Run numbers (job instances) stay 1, 2, ... as an operator sees
 * them. Flyway runs the statements after each migration it applies: while the repository
 * is created, before any run.
 */
public final class OwnExecutionIds {

	/** The job's own migrations (application.yaml's spring.flyway.locations). */
	private static final String MIGRATIONS = "classpath:io/writebackbatch/staging/migration";

	private static final AtomicLong NEXT = new AtomicLong(1);

	private OwnExecutionIds() {
	}

	/**
	 * The value of {@code spring.flyway.locations} that numbers the executions of a
	 * repository created with it from a range of its own; its callback goes in
	 * {@code dir}.
	 */
	public static String flywayLocations(Path dir) {
		long start = NEXT.getAndAdd(1_000_000);
		StringBuilder sql = new StringBuilder();
		for (String sequence : List.of("BATCH_JOB_EXECUTION_SEQ", "BATCH_STEP_EXECUTION_SEQ")) {
			sql.append("ALTER SEQUENCE ").append(sequence).append(" RESTART WITH ").append(start).append(";\n");
		}
		try {
			Path callbacks = Files.createDirectories(dir.resolve("repository-ids-" + start));
			Files.writeString(callbacks.resolve("afterEachMigrate.sql"), sql);
			return MIGRATIONS + ",filesystem:" + callbacks;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
