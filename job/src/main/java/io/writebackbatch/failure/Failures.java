package io.writebackbatch.failure;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.flywaydb.core.api.FlywayException;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.boot.context.config.ConfigDataException;
import org.springframework.boot.context.properties.bind.BindException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The one classification of what went wrong: the job's own exceptions by their kind,
 * settings the binder refused, JDBC failures by SQLState, Flyway by type, the network by
 * type (a failed TLS handshake by what the peer answered). Everything else is internal.
 * Graph's SDK and azure-identity exceptions are turned into {@link Classified} ones where
 * they are thrown (package {@code graph}), using {@link HttpStatuses} for statuses;
 * nothing here looks at a class name.
 */
public final class Failures {

	/** H2: the database file is locked by another process. */
	private static final String H2_DATABASE_ALREADY_OPEN = "90020";

	/**
	 * SQLState classes a person must fix: bad credentials, no such database, no privilege
	 * or schema problem.
	 */
	private static final List<String> PERSON_MUST_FIX_STATES = List.of("28", "3D", "3F", "42");

	/**
	 * H2 vendor states for a file that cannot be read or written (damaged, full disk, no
	 * permission), of a foreign version, or missing: an embedded file fails over to
	 * nothing, so a person must look.
	 */
	private static final List<String> H2_FILE_PROBLEM_STATES = List.of("90013", "90028", "90030", "90031", "90048",
			"90146");

	static final String STOPPED_ON_REQUEST = "stopped on request at a checkpoint (a shutdown signal); what was in flight was recorded first";

	/**
	 * Spring's words name no fix (and a number alone is refused:
	 * DurationWithUnitConverter).
	 */
	static final String DURATION_FIX = ": write a number and its unit, e.g. 30s, 330m, 7d";

	private Failures() {
	}

	public static Failure classify(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof Classified classified) {
				return new Failure(classified.failureKind(), Failure.Source.JOB, firstLine(t));
			}
		}
		BindException bind = find(failure, BindException.class);
		if (bind != null) {
			return setting(bind);
		}
		SQLException sql = find(failure, SQLException.class);
		if (sql != null) {
			return new Failure(kindOf(sql), Failure.Source.REPOSITORY, innermostWords(sql));
		}
		FlywayException flyway = find(failure, FlywayException.class);
		if (flyway != null) {
			// a Flyway failure without a JDBC cause: a migration or schema the repository
			// cannot accept
			return new Failure(FailureKind.INVALID_INPUT, Failure.Source.REPOSITORY, firstLine(flyway));
		}
		Failure configuration = configurationFile(failure);
		if (configuration != null) {
			return configuration;
		}
		FileSystemException file = find(failure, FileSystemException.class);
		if (file != null) {
			// a local file or folder: missing, not permitted, full disk
			return new Failure(FailureKind.INVALID_INPUT, Failure.Source.FILE, fileProblem(file));
		}
		TlsHandshakeException tls = find(failure, TlsHandshakeException.class);
		if (tls != null) {
			return new Failure(kindOf(tls), Failure.Source.NETWORK, firstLine(tls));
		}
		if (find(failure, JobInterruptedException.class) != null) {
			// Spring Batch words it after where the stop was noticed (the job or a step):
			// one
			// sentence for the operator, whichever thread saw it first
			return new Failure(FailureKind.TRANSIENT, Failure.Source.JOB, STOPPED_ON_REQUEST);
		}
		IOException io = find(failure, IOException.class);
		if (io != null) {
			return new Failure(FailureKind.TRANSIENT, Failure.Source.NETWORK,
					io.getClass().getSimpleName() + ": " + firstLine(io));
		}
		return new Failure(FailureKind.INTERNAL, Failure.Source.UNKNOWN, firstLine(root(failure)));
	}

	/**
	 * The kind that decides a failed run's exit code: a failure a person must fix wins,
	 * then a concurrent run; any other failure (Graph gone, the repository failing, a bug
	 * in one chunk) left a checkpoint, so the run is resumable.
	 */
	public static FailureKind ofRun(List<Throwable> failures) {
		List<FailureKind> kinds = failures.stream().map(failure -> classify(failure).kind()).toList();
		return kinds.stream()
			.filter(kind -> kind.exitCode() == FailureKind.INVALID_INPUT.exitCode())
			.findFirst()
			.orElse(kinds.contains(FailureKind.CONCURRENT_RUN) ? FailureKind.CONCURRENT_RUN : FailureKind.TRANSIENT);
	}

	/**
	 * The message worth showing for a failed run: the first of the job's own messages,
	 * else the first failure's.
	 */
	public static String describe(List<Throwable> failures) {
		for (Throwable failure : failures) {
			Failure classified = classify(failure);
			if (classified.source() == Failure.Source.JOB) {
				return classified.message();
			}
		}
		return failures.isEmpty() ? "no failure recorded" : classify(failures.get(0)).message();
	}

	static FailureKind kindOf(SQLException sql) {
		String state = sql.getSQLState() == null ? "" : sql.getSQLState();
		if (state.equals(H2_DATABASE_ALREADY_OPEN)) {
			return FailureKind.CONCURRENT_RUN;
		}
		if (H2_FILE_PROBLEM_STATES.contains(state) || PERSON_MUST_FIX_STATES.stream().anyMatch(state::startsWith)) {
			return FailureKind.INVALID_INPUT;
		}
		// 08 connection, 57P0x shutdown or fail-over, 53 resources, 40 rollback, HYT
		// timeouts, and anything unknown:
		// the repository is what failed, and a later run continues from its checkpoint
		return FailureKind.REPOSITORY;
	}

	/**
	 * A handshake the peer answered with something that is not acceptable TLS (plain
	 * http's words, a certificate nobody trusts, no common protocol) fails the same way
	 * on every attempt: a person must fix the URL or the trust store. Silence, or a
	 * connection reset or closed mid-handshake, may be the network's passing trouble.
	 */
	static FailureKind kindOf(TlsHandshakeException tls) {
		Throwable cause = tls.getCause();
		boolean answeredWithoutTls = cause instanceof SSLException && !(cause.getCause() instanceof IOException);
		return answeredWithoutTls ? FailureKind.INVALID_INPUT : FailureKind.TRANSIENT;
	}

	/**
	 * A configuration file Spring Boot reads before anything starts
	 * (config/application.yaml in the working folder, or one named by
	 * SPRING_CONFIG_LOCATION or SPRING_CONFIG_ADDITIONAL_LOCATION) that is missing or not
	 * valid YAML: a person must fix it. (The job's own YAML, definitions and fleet files,
	 * is read with another parser and refused in the job's words before this.) Null for
	 * any other failure.
	 */
	private static @Nullable Failure configurationFile(Throwable failure) {
		String problem = null;
		ConfigDataException missing = find(failure, ConfigDataException.class);
		MarkedYAMLException marked = find(failure, MarkedYAMLException.class);
		YAMLException yaml = find(failure, YAMLException.class);
		if (missing != null) {
			problem = firstLine(missing);
		}
		else if (marked != null && marked.getProblemMark() != null) {
			problem = "not valid YAML at line " + (marked.getProblemMark().getLine() + 1) + ", column "
					+ (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem();
		}
		else if (yaml != null) {
			problem = "not valid YAML: " + firstLine(yaml);
		}
		return problem == null ? null : new Failure(FailureKind.INVALID_INPUT, Failure.Source.SETTING,
				"a configuration file cannot be read (" + problem + "); check config/application.yaml in the "
						+ "working folder and any file SPRING_CONFIG_LOCATION or SPRING_CONFIG_ADDITIONAL_LOCATION "
						+ "names (indent with spaces, not TABs)");
	}

	/**
	 * "path: what is wrong with it", in words, not Java's class names: the operator fixes
	 * the path, not the exception.
	 */
	public static String fileProblem(FileSystemException file) {
		String problem;
		if (file instanceof NoSuchFileException) {
			problem = "no such file or folder";
		}
		else if (file instanceof AccessDeniedException) {
			problem = "permission denied";
		}
		else if (file instanceof FileAlreadyExistsException) {
			problem = "a file of that name is in the way";
		}
		else if (file.getReason() != null) {
			problem = file.getReason().toLowerCase(Locale.ROOT);
		}
		else {
			problem = "cannot be used";
		}
		return (file.getFile() == null ? "" : file.getFile() + ": ") + problem;
	}

	private static Failure setting(BindException bind) {
		String property = bind.getProperty() != null ? bind.getProperty().getName().toString()
				: bind.getName().toString();
		Object value = bind.getProperty() != null ? bind.getProperty().getValue() : null;
		Throwable why = root(bind);
		String message = bind.getProperty() == null
				? "the settings under " + property + " are not valid: " + firstLine(why)
				: "setting " + property + (value == null ? "" : " = '" + value + "'") + " is not valid: "
						+ firstLine(why)
						+ (Duration.class.equals(bind.getTarget().getType().resolve()) ? DURATION_FIX : "");
		return new Failure(FailureKind.INVALID_INPUT, Failure.Source.SETTING, message);
	}

	/**
	 * The driver's own words: the innermost message, often clearer than the wrappers'
	 * (H2's "IO Exception: ...").
	 */
	private static String innermostWords(Throwable failure) {
		String words = firstLine(failure);
		for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof UnknownHostException) {
				words = "no such host (DNS): " + t.getMessage();
			}
			else if (t.getMessage() != null && !t.getMessage().isBlank()) {
				words = firstLine(t);
			}
		}
		return words.strip();
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static Throwable root(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	/** The first line of a throwable's message (or its simple name when it has none). */
	public static String firstLine(Throwable t) {
		return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
