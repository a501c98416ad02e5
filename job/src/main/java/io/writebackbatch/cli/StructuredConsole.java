package io.writebackbatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

import io.writebackbatch.failure.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * With structured logging on ({@code logging.structured.format.console}, env
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE}), standard output and error carry one JSON
 * document per line and nothing else, so a log pipeline never meets a plain line: what
 * the commands print for the operator becomes log events (standard output at INFO,
 * standard error at ERROR, logger {@code writeback.console}), and stack traces go inside
 * events. Plain mode is untouched.
 */
final class StructuredConsole {

	static final String LOGGER = "writeback.console";

	private StructuredConsole() {
	}

	/**
	 * Whether structured logs are on: as the environment or a system property asks (known
	 * before the configuration files are read), or as Spring Boot's logging system
	 * applied it from them.
	 */
	static boolean on() {
		return present(System.getProperty("CONSOLE_LOG_STRUCTURED_FORMAT"))
				|| present(System.getProperty("logging.structured.format.console"))
				|| present(System.getenv("LOGGING_STRUCTURED_FORMAT_CONSOLE"));
	}

	/**
	 * Sets up Spring Boot's structured logging before the command runs, so that what is
	 * printed before a Spring context starts (a bad definition, a usage error) is JSON
	 * too. The command's context later keeps this set-up (Boot does not initialize a
	 * logging system twice) and applies its logging levels on top.
	 */
	static void initializeLogging() {
		StandardEnvironment environment = new StandardEnvironment();
		// what SpringApplication adds for the documents' service.version and process.pid
		Map<String, Object> applicationInfo = new HashMap<>();
		applicationInfo.put("spring.application.pid", ProcessHandle.current().pid());
		String version = StructuredConsole.class.getPackage().getImplementationVersion();
		if (version != null) {
			applicationInfo.put("spring.application.version", version);
		}
		environment.getPropertySources().addLast(new MapPropertySource("applicationInfo", applicationInfo));
		try {
			// the built-in defaults, e.g. the service name the JSON documents carry
			for (PropertySource<?> defaults : new YamlPropertySourceLoader().load("defaults",
					new ClassPathResource("application.yaml"))) {
				environment.getPropertySources().addLast(defaults);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		LoggingSystem system = LoggingSystem.get(StructuredConsole.class.getClassLoader());
		system.beforeInitialize();
		system.initialize(new LoggingInitializationContext(environment), null, null);
	}

	/** A writer whose every line becomes one log event at {@code level}. */
	static PrintWriter events(Level level) {
		return new PrintWriter(new LineEvents(level), true);
	}

	/**
	 * The stack trace of an unexpected error: inside one log event when structured, else
	 * printed on {@code err}.
	 */
	static void printStackTrace(Throwable e, PrintWriter err) {
		if (on()) {
			log().error("unexpected error, with its stack trace: {}", Failures.classify(e).message(), e);
		}
		else {
			e.printStackTrace(err);
		}
	}

	/**
	 * Looked up when first needed, not when the class loads: the first lookup starts the
	 * logging system, which {@code --help} and the commands that print before a Spring
	 * context (plain mode) do not need.
	 */
	private static Logger log() {
		return LoggerFactory.getLogger(LOGGER);
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	/** Collects characters up to a line break, then logs the line. */
	private static final class LineEvents extends Writer {

		private final Level level;

		private final StringBuilder line = new StringBuilder();

		LineEvents(Level level) {
			this.level = level;
		}

		@Override
		public synchronized void write(char[] chars, int offset, int length) {
			for (int i = offset; i < offset + length; i++) {
				char c = chars[i];
				if (c == '\n') {
					emit();
				}
				else if (c != '\r') {
					line.append(c);
				}
			}
		}

		@Override
		public synchronized void flush() {
			// a partial line waits for its end: print("a"); println("b") is one event
		}

		@Override
		public synchronized void close() {
			emit();
		}

		private void emit() {
			if (!line.toString().isBlank()) {
				log().atLevel(level).log(line.toString());
			}
			line.setLength(0);
		}

	}

}
