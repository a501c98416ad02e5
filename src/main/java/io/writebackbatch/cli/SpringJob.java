package io.writebackbatch.cli;

import java.io.PrintWriter;

import io.writebackbatch.WritebackBatchApplication;
import io.writebackbatch.definition.InvalidDefinitionException;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.ops.ExitCodes;
import io.writebackbatch.runs.RunRefusedException;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context for one command and turns what goes wrong into a message and an exit code. Only the
 * commands that need the job repository or Graph start it; {@code --help} and {@code simulate} do not.
 */
final class SpringJob {

	private SpringJob() {
	}

	interface Work {

		int run(ConfigurableApplicationContext context) throws Exception;
	}

	static int run(PrintWriter err, Work work) {
		return run(err, new String[0], work);
	}

	/** @param springArguments {@code --name=value} settings for this command that outrank the environment */
	static int run(PrintWriter err, String[] springArguments, Work work) {
		SignalHandler signals = SignalHandler.install();
		int code = ExitCodes.INTERNAL;
		try {
			code = runInContext(err, springArguments, work, signals);
			return code;
		}
		finally {
			org.slf4j.MDC.clear();
			signals.finished(code);
		}
	}

	private static int runInContext(PrintWriter err, String[] springArguments, Work work, SignalHandler signals) {
		// no Spring shutdown hook: on SIGTERM the context must stay open under the stopping job; SignalHandler
		// stops the job, waits for it, and this method closes the context (final metrics push, locks released)
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WritebackBatchApplication.class)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.listeners(SpringJob::metricsExportOnlyWhenConfigured)
			.run(springArguments)) {
			signals.attach(context);
			return work.run(context);
		}
		catch (RunRefusedException e) {
			err.println("refused: " + e.getMessage());
			return e.exitCode();
		}
		catch (InvalidDefinitionException | GraphAccessException e) {
			err.println("error: " + e.getMessage());
			return e instanceof GraphAccessException g && g.kind() == GraphAccessException.Kind.TRANSIENT
					? ExitCodes.RESTARTABLE : ExitCodes.INVALID;
		}
		catch (Exception e) {
			String problem = rootMessage(e);
			if (problem.contains("Database may be already in use") || problem.contains("already in use")) {
				err.println("refused: the job repository " + describeDatabase() + " is in use by another writeback-batch "
						+ "process; wait for it to finish (" + problem + ")");
				return ExitCodes.ALREADY_RUNNING;
			}
			if (startupProblem(e)) {
				err.println("error: cannot open the job repository " + describeDatabase() + ": " + databaseProblem(e)
						+ "; check spring.datasource.* (SPRING_DATASOURCE_URL) points at an empty database or one created "
						+ "by writeback-batch, and that the file is not damaged");
				return ExitCodes.INVALID;
			}
			err.println("error: " + problem);
			e.printStackTrace(err);
			return ExitCodes.INTERNAL;
		}
	}

	/**
	 * OTLP metrics export is on only when an endpoint is configured ({@code management.otlp.metrics.export.url}, env
	 * {@code MANAGEMENT_OTLP_METRICS_EXPORT_URL}); otherwise every command would try to push to localhost:4318.
	 */
	private static void metricsExportOnlyWhenConfigured(org.springframework.context.ApplicationEvent event) {
		if (event instanceof org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent prepared) {
			var environment = prepared.getEnvironment();
			if (!environment.containsProperty("management.otlp.metrics.export.url")
					&& !environment.containsProperty("management.otlp.metrics.export.enabled")) {
				environment.getPropertySources()
					.addLast(new org.springframework.core.env.MapPropertySource("writeback-metrics-defaults",
							java.util.Map.of("management.otlp.metrics.export.enabled", "false")));
			}
		}
	}

	private static boolean startupProblem(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String name = t.getClass().getName();
			if (name.startsWith("org.flywaydb") || name.startsWith("org.h2.jdbc") || name.startsWith("org.postgresql")
					|| name.contains("CannotGetJdbcConnection")) {
				return true;
			}
		}
		return false;
	}

	static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	/** The database driver's or Flyway's own words (the innermost cause is often a bare EOFException). */
	private static String databaseProblem(Throwable e) {
		String found = null;
		for (Throwable t = e; t != null; t = t.getCause()) {
			String name = t.getClass().getName();
			if (t.getMessage() != null && (name.startsWith("org.flywaydb") || name.startsWith("org.h2")
					|| name.startsWith("org.postgresql"))) {
				found = t.getMessage();
			}
		}
		String message = found != null ? found : rootMessage(e);
		int newline = message.indexOf('\n');
		return (newline < 0 ? message : message.substring(0, newline)).strip();
	}

	private static String describeDatabase() {
		String url = System.getProperty("spring.datasource.url", System.getenv("SPRING_DATASOURCE_URL"));
		return url == null ? "(default H2 file ./data/writeback)" : "(" + url.replaceAll("password=[^;&]*", "password=***") + ")";
	}

}
