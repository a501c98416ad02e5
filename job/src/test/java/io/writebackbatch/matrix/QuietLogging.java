package io.writebackbatch.matrix;

import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LoggingSystem;

/**
 * Spring Boot's logging system off, and only errors logged, while commands start side by
 * side in this JVM: every context start resets and configures Logback JVM-wide, which
 * failed with a {@code ConcurrentModificationException} when two started at once. The
 * cells' own output (stdout, stderr) is the commands' writers, not the log.
 */
final class QuietLogging implements AutoCloseable {

	private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();

	/** The levels set before (by the last context's logging.level.* settings). */
	private final Map<Logger, Level> levels = new LinkedHashMap<>();

	private final String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);

	private QuietLogging() {
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		for (Logger logger : logback.getLoggerList()) {
			if (logger.getLevel() != null) {
				levels.put(logger, logger.getLevel());
				if (!Logger.ROOT_LOGGER_NAME.equals(logger.getName())) {
					logger.setLevel(null);
				}
			}
		}
		logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
	}

	static QuietLogging whileRunning() {
		return new QuietLogging();
	}

	@Override
	public void close() {
		levels.forEach(Logger::setLevel);
		if (loggingSystem == null) {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
		else {
			System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
		}
	}

}
