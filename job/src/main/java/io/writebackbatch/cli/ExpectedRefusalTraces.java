package io.writebackbatch.cli;

import io.writebackbatch.failure.Classified;
import io.writebackbatch.failure.Failure;
import io.writebackbatch.failure.Failures;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the stack traces of expected refusals off the console. Spring Batch logs every
 * failed step (and Spring Boot a failed start) at ERROR with the whole trace, so a
 * documented refusal such as maxChanges printed 57 lines. A failure is expected when one
 * of the job's own exceptions is in its cause chain (it names the problem and the fix, as
 * {@link Failures#describe} shows it), or when the job repository failed (a restart, a
 * full volume): such an event is logged again as one line at its level and with its trace
 * at DEBUG (logger {@code io.writebackbatch.refusal}). When the application failed to
 * start, the command prints the cause itself (and the trace when it is a bug), so
 * Spring's own reports of it go to DEBUG only. Every other event passes unchanged.
 */
final class ExpectedRefusalTraces extends TurboFilter {

	private static final org.slf4j.Logger REFUSALS = LoggerFactory.getLogger("io.writebackbatch.refusal");

	/**
	 * Installs the filter into Logback (after Spring Boot initialised logging, which
	 * resets the context).
	 */
	static void install() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getTurboFilterList().stream().noneMatch(ExpectedRefusalTraces.class::isInstance)) {
			ExpectedRefusalTraces filter = new ExpectedRefusalTraces();
			filter.start();
			context.addTurboFilter(filter);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable thrown) {
		// SLF4J's convention: a throwable after the arguments is the event's exception
		// (HikariCP logs that way)
		Throwable t = thrown != null ? thrown
				: params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last
						: null;
		if (isFailedStart(logger, level, format)) {
			// the command prints why the start failed (and the trace of a bug) itself: on
			// the console it was said twice
			REFUSALS.debug(format, t);
			return FilterReply.DENY;
		}
		if (t == null || format == null || !level.isGreaterOrEqual(Level.WARN)
				|| logger.getName().equals(REFUSALS.getName())) {
			return FilterReply.NEUTRAL;
		}
		String why = why(t);
		if (why == null) {
			return FilterReply.NEUTRAL;
		}
		String line = org.slf4j.helpers.MessageFormatter.basicArrayFormat(format, params) + ": " + why;
		if (level.isGreaterOrEqual(Level.ERROR)) {
			REFUSALS.error(line);
		}
		else {
			REFUSALS.warn(line);
		}
		REFUSALS.debug(format, t);
		return FilterReply.DENY;
	}

	/**
	 * Spring's own report of a context that failed to start: the WARN "Exception
	 * encountered during context initialization" (with the whole cause chain, e.g.
	 * Flyway's multi-line account of a locked H2 file, in its text) and Spring Boot's
	 * "Application run failed" and "APPLICATION FAILED TO START" report.
	 */
	private static boolean isFailedStart(Logger logger, Level level, String format) {
		return format != null && level.isGreaterOrEqual(Level.WARN)
				&& logger.getName().startsWith("org.springframework.")
				&& (format.startsWith("Exception encountered during context initialization")
						|| format.startsWith("Application run failed")
						|| logger.getName().endsWith(".LoggingFailureAnalysisReporter"));
	}

	/**
	 * What an expected failure is, in one line; null for any other. Expected are the
	 * job's own exceptions and the job repository failing under a run (a restart, a full
	 * volume): the command says the latter in one line and exits 3, so the pool's and
	 * Spring Batch's traces of each statement that failed with it would only bury that
	 * line.
	 */
	private static @Nullable String why(Throwable t) {
		Throwable own = own(t);
		if (own != null) {
			return own.getMessage();
		}
		Failure failure = Failures.classify(t);
		return failure.source() == Failure.Source.REPOSITORY ? failure.message() : null;
	}

	/**
	 * The first of the job's own (classified) exceptions among the causes and suppressed
	 * exceptions (Spring Batch reports a step scope bean that failed to start as
	 * suppressed by the close that followed), or null.
	 */
	private static @Nullable Throwable own(Throwable failure) {
		for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
			if (t instanceof Classified) {
				return t;
			}
			for (Throwable suppressed : t.getSuppressed()) {
				Throwable found = own(suppressed);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
