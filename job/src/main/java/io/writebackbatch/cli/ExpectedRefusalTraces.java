package io.writebackbatch.cli;

import io.writebackbatch.failure.Classified;
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
 * Keeps the stack traces of expected refusals off the console. Spring Batch logs every failed step (and Spring Boot a
 * failed start) at ERROR with the whole trace, so a documented refusal such as maxChanges printed 57 lines. A failure
 * is expected when one of the job's own exceptions is in its cause chain (it names the problem and the fix, as
 * {@link Failures#describe} shows it), or when the application failed to start (the command
 * prints the cause itself, and the trace when it is a bug). Such an event is logged again as one line at its level
 * and with its trace at DEBUG (logger {@code io.writebackbatch.refusal}); every other event passes unchanged.
 */
final class ExpectedRefusalTraces extends TurboFilter {

	private static final org.slf4j.Logger REFUSALS = LoggerFactory.getLogger("io.writebackbatch.refusal");

	/** Installs the filter into Logback (after Spring Boot initialised logging, which resets the context). */
	static void install() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getTurboFilterList().stream().noneMatch(ExpectedRefusalTraces.class::isInstance)) {
			ExpectedRefusalTraces filter = new ExpectedRefusalTraces();
			filter.start();
			context.addTurboFilter(filter);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (t == null || format == null || !level.isGreaterOrEqual(Level.WARN) || logger.getName().equals(REFUSALS.getName())) {
			return FilterReply.NEUTRAL;
		}
		Throwable own = own(t);
		if (own == null && !logger.getName().equals("org.springframework.boot.SpringApplication")) {
			return FilterReply.NEUTRAL;
		}
		String line = format + ": " + (own != null ? own.getMessage() : Failures.classify(t).message());
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
	 * The first of the job's own (classified) exceptions among the causes and suppressed exceptions (Spring Batch
	 * reports a step scope bean that failed to start as suppressed by the close that followed), or null.
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
