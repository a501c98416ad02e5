package io.writebackbatch.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.writebackbatch.apply.MaxChangesExceededException;
import io.writebackbatch.definition.InvalidDefinitionException;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.runs.RunRefusedException;
import org.assertj.core.api.Assertions;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The one classification of failures and the one mapping from kind to exit code. */
class FailuresTests {

	static Stream<Arguments> failures() {
		return Stream.of(
				// the job's own exceptions carry their kind
				Arguments.of("definition", new InvalidDefinitionException("bad.yaml:1: x"), FailureKind.INVALID_INPUT,
						2),
				Arguments.of("maxChanges", new MaxChangesExceededException(10, 2), FailureKind.INVALID_INPUT, 2),
				Arguments.of("refused credential", new GraphAccessException(FailureKind.AUTHENTICATION, "401"),
						FailureKind.AUTHENTICATION, 2),
				Arguments.of("missing permission", new GraphAccessException(FailureKind.PERMISSION, "403"),
						FailureKind.PERMISSION, 2),
				Arguments.of("Graph unavailable", new GraphAccessException(FailureKind.TRANSIENT, "503"),
						FailureKind.TRANSIENT, 3),
				Arguments.of("another run (lock)", new RunRefusedException(FailureKind.CONCURRENT_RUN, "busy"),
						FailureKind.CONCURRENT_RUN, 4),
				// wrapped in Spring's start-up exceptions, the innermost kind still
				// decides
				Arguments.of("wrapped definition", new BeanCreationException("x", new InvalidDefinitionException("d")),
						FailureKind.INVALID_INPUT, 2),
				// the job repository, by SQLState
				Arguments.of("PostgreSQL refused connection (08001)",
						wrapped(new SQLException("Connection refused", "08001")), FailureKind.REPOSITORY, 3),
				Arguments.of("PostgreSQL fail-over (57P01 admin shutdown)",
						new SQLException("terminating connection due to administrator command", "57P01"),
						FailureKind.REPOSITORY, 3),
				Arguments.of("PostgreSQL starting up (57P03)",
						new SQLException("the database system is starting up", "57P03"), FailureKind.REPOSITORY, 3),
				Arguments.of("pool timeout",
						new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08003"),
						FailureKind.REPOSITORY, 3),
				Arguments.of("Flyway on a connection failure",
						new FlywayException("Unable to obtain connection",
								new SQLNonTransientConnectionException("Connection refused", "08001")),
						FailureKind.REPOSITORY, 3),
				Arguments.of("DNS of the database host",
						wrapped(new SQLException("The connection attempt failed.", "08001",
								new UnknownHostException("db.example"))),
						FailureKind.REPOSITORY, 3),
				Arguments.of("wrong database password (28P01)",
						new SQLException("password authentication failed", "28P01"), FailureKind.INVALID_INPUT, 2),
				Arguments.of("no such database (3D000)", new SQLException("database \"wb\" does not exist", "3D000"),
						FailureKind.INVALID_INPUT, 2),
				Arguments.of("no privilege (42501)", new SQLException("permission denied for schema public", "42501"),
						FailureKind.INVALID_INPUT, 2),
				Arguments.of("H2 file held by another process (90020)",
						new SQLException("Database may be already in use", "90020"), FailureKind.CONCURRENT_RUN, 4),
				Arguments.of("H2 file damaged (90030)", new SQLException("File corrupted", "90030"),
						FailureKind.INVALID_INPUT, 2),
				Arguments.of("Flyway: another application's schema", new FlywayException("Found non-empty schema(s)"),
						FailureKind.INVALID_INPUT, 2),
				// the network
				Arguments.of("DNS at start-up", new UnknownHostException("graph.microsoft.com"), FailureKind.TRANSIENT,
						3),
				Arguments.of("connection refused", new IllegalStateException(new ConnectException("refused")),
						FailureKind.TRANSIENT, 3),
				Arguments.of("timeout", new SocketTimeoutException("timeout"), FailureKind.TRANSIENT, 3),
				// a TLS handshake: judged by what the peer answered
				Arguments.of("https on a plain-http port that answers",
						tls(new SSLException("Unsupported or unrecognized SSL message")), FailureKind.INVALID_INPUT, 2),
				Arguments.of("a certificate nobody trusts", tls(new SSLHandshakeException("PKIX path building failed")),
						FailureKind.INVALID_INPUT, 2),
				Arguments.of("https on a port that says nothing", tls(new SocketTimeoutException("Read timed out")),
						FailureKind.TRANSIENT, 3),
				Arguments.of("a connection reset mid-handshake",
						tls(new SSLException("Connection reset", new SocketException("Connection reset"))),
						FailureKind.TRANSIENT, 3),
				// a local file is for a person to fix
				Arguments.of("file not permitted", new UncheckedIOException(new AccessDeniedException("/reports")),
						FailureKind.INVALID_INPUT, 2),
				// everything else is a bug
				Arguments.of("a bug", new NullPointerException("x"), FailureKind.INTERNAL, 1));
	}

	private static RuntimeException tls(IOException cause) {
		return new UncheckedIOException(new TlsHandshakeException("127.0.0.1:8443", Duration.ofSeconds(10), cause));
	}

	@Test
	void aTlsHandshakeNamesThePeerAndTheScheme() {
		assertThat(Failures.classify(tls(new SocketTimeoutException("Read timed out"))).message())
			.isEqualTo("the TLS handshake with 127.0.0.1:8443 got no answer within 10 s: is the base URL's scheme "
					+ "(https vs http) and port right?");
		assertThat(Failures.classify(tls(new SSLException("Unsupported or unrecognized SSL message"))).message())
			.startsWith("the TLS handshake with 127.0.0.1:8443 failed (Unsupported or unrecognized SSL message): ");
	}

	private static RuntimeException wrapped(SQLException sql) {
		return new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", sql);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void classifiesByTypeAndStateNeverByName(String cause, Throwable failure, FailureKind kind, int exitCode) {
		Failure classified = Failures.classify(failure);

		assertThat(classified.kind()).isEqualTo(kind);
		assertThat(classified.exitCode()).isEqualTo(exitCode);
		assertThat(classified.message()).isNotBlank().doesNotContain("\n");
	}

	@ParameterizedTest(name = "HTTP {0} -> {1}")
	@CsvSource({ "0, TRANSIENT", "400, INVALID_INPUT", "401, AUTHENTICATION", "403, PERMISSION", "404, INVALID_INPUT",
			"408, TRANSIENT", "429, TRANSIENT", "500, TRANSIENT", "501, INVALID_INPUT", "502, TRANSIENT",
			"503, TRANSIENT", "504, TRANSIENT" })
	void httpStatusesHaveOneMeaning(int status, FailureKind kind) {
		assertThat(HttpStatuses.kindOf(status)).isEqualTo(kind);
		assertThat(HttpStatuses.isRetryable(status)).isEqualTo(kind == FailureKind.TRANSIENT);
	}

	@ParameterizedTest(name = "{0} -> exit {1}")
	@CsvSource({ "INVALID_INPUT, 2", "PERMISSION, 2", "AUTHENTICATION, 2", "TRANSIENT, 3", "REPOSITORY, 3",
			"CONCURRENT_RUN, 4", "INTERNAL, 1", "PAUSED, 5" })
	void eachKindHasOneExitCode(FailureKind kind, int exitCode) {
		assertThat(kind.exitCode()).isEqualTo(exitCode);
	}

	@Test
	void aSettingTheBinderRefusesNamesTheProperty() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("wait", "soon")));
		BindException refused = Assertions.catchThrowableOfType(BindException.class,
				() -> binder.bind("wait", Bindable.of(Duration.class)));

		Failure failure = Failures.classify(new BeanCreationException("graph", refused));

		assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
		assertThat(failure.source()).isEqualTo(Failure.Source.SETTING);
		assertThat(failure.message()).startsWith("setting wait = 'soon' is not valid:");
	}

	/** Spring's "'soon' is not a valid duration" named no fix. */
	@Test
	void aDurationSettingTheBinderRefusesNamesItsUnits() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("wait", "1 h")));
		BindException refused = Assertions.catchThrowableOfType(BindException.class,
				() -> binder.bind("wait", Bindable.of(Duration.class)));

		assertThat(Failures.classify(refused).message())
			.isEqualTo("setting wait = '1 h' is not valid: '1 h' is not a valid duration: write a number and its unit, "
					+ "e.g. 30s, 330m, 7d");
	}

	@ParameterizedTest
	@CsvSource({ "Job interrupted by step execution", "JobExecution interrupted." })
	void aStoppedRunSaysSoInOneSentenceWhereverSpringBatchNoticedTheStop(String springsWords) {
		Failure failure = Failures.classify(new JobInterruptedException(springsWords));

		assertThat(failure.message()).isEqualTo(Failures.STOPPED_ON_REQUEST);
		assertThat(failure.kind().exitCode()).isEqualTo(3);
	}

	@Test
	void aFailedRunIsResumableUnlessAPersonMustFixSomething() {
		IOException lost = new IOException("connection reset");
		InvalidDefinitionException invalid = new InvalidDefinitionException("bad");

		assertThat(Failures.ofRun(List.of(lost)).exitCode()).isEqualTo(3);
		assertThat(Failures.ofRun(List.of(new NullPointerException())).exitCode()).isEqualTo(3);
		assertThat(Failures.ofRun(List.of(lost, invalid)).exitCode()).isEqualTo(2);
		assertThat(Failures.describe(List.of(new RuntimeException("wrapper", lost), invalid))).isEqualTo("bad");
	}

}
