package io.writebackbatch.cli;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.WritebackBatchApplication;
import io.writebackbatch.failure.Failure;
import io.writebackbatch.failure.Failures;
import io.writebackbatch.ops.GracefulShutdown;
import io.writebackbatch.ops.RepositoryCompaction;
import io.writebackbatch.ops.RepositoryWatchdog;
import io.writebackbatch.ops.RunPushgateway;
import io.writebackbatch.retention.PruneService;
import io.writebackbatch.retention.RetentionProperties;
import io.writebackbatch.retention.RunVerdict;
import io.writebackbatch.runs.RunParameters;
import io.writebackbatch.runs.RunTenant;
import io.writebackbatch.runs.RunRefusedException;
import picocli.CommandLine.Model.CommandSpec;

import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Spring context for one command and turns what goes wrong into a message and
 * an exit code. Only the commands that need the job repository or Graph start it;
 * {@code --help} and {@code simulate} do not.
 */
final class SpringJob {

	private SpringJob() {
	}

	interface Work {

		int run(ConfigurableApplicationContext context) throws Exception;

	}

	static int run(PrintWriter err, Work work) {
		return run(err, false, work);
	}

	/**
	 * As {@link #run(PrintWriter, Work)}, for a command that runs the job: first checks
	 * it can write its folders.
	 */
	static int runJob(PrintWriter err, Work work) {
		return runJob(err, new String[0], work);
	}

	/**
	 * @param springArguments {@code --name=value} settings for this command that outrank
	 * the environment
	 */
	static int runJob(PrintWriter err, String[] springArguments, Work work) {
		return run(err, true, springArguments, work);
	}

	/**
	 * {@code springArguments} and the command's name, which labels the run's meters (the
	 * nightly is {@code scheduled}).
	 */
	static String[] naming(CommandSpec spec, String[] springArguments) {
		String[] named = Arrays.copyOf(springArguments, springArguments.length + 1);
		named[springArguments.length] = "--" + RunParameters.COMMAND_PROPERTY + "=" + spec.name();
		return named;
	}

	private static int run(PrintWriter err, boolean writesFolders, Work work) {
		return run(err, writesFolders, new String[0], work);
	}

	private static int run(PrintWriter err, boolean writesFolders, String[] springArguments, Work work) {
		SignalHandler signals = SignalHandler.current();
		try {
			return signals.stopRequested() ? stoppedBeforeTheRun(err)
					: runInContext(err, writesFolders, springArguments, work, signals);
		}
		finally {
			MDC.clear();
			signals.detach();
		}
	}

	/**
	 * A shutdown signal arrived during start-up: the run is not started, so there is
	 * nothing to stop or resume.
	 */
	private static int stoppedBeforeTheRun(PrintWriter err) {
		err.println(
				"stopped: " + GracefulShutdown.SHUTDOWN_SIGNAL + " arrived during start-up, before the run started; "
						+ "nothing was done: run the command again (exit 3)");
		return FailureKind.TRANSIENT.exitCode();
	}

	private static int runInContext(PrintWriter err, boolean writesFolders, String[] springArguments, Work work,
			SignalHandler signals) {
		// no Spring shutdown hook: on SIGTERM the context must stay open under the
		// stopping job; SignalHandler
		// stops the job, waits for it, and this method closes the context (final metrics
		// push, locks released)
		SpringApplicationBuilder application = new SpringApplicationBuilder(WritebackBatchApplication.class)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.listeners(SpringJob::metricsExportOnlyWhenConfigured, event -> beforeStart(event, writesFolders));
		InvocationSettings.environment().ifPresent(application::environment);
		try (ConfigurableApplicationContext context = application.run(springArguments)) {
			signals.attach(context);
			if (signals.stopRequested()) {
				return stoppedBeforeTheRun(err);
			}
			try {
				return work.run(context);
			}
			catch (RunRefusedException e) {
				throw e;
			}
			catch (Exception e) {
				// the repository opened fine, so whatever it answers now (full disk,
				// closed file, dropped session) is
				// a failure under the run: like a killed process, the run is recovered
				// and resumed next time
				Failure failure = Failures.classify(e);
				if (failure.source() != Failure.Source.REPOSITORY) {
					throw e;
				}
				err.println(RepositoryWatchdog.failedDuringTheRun(failure.message()));
				return FailureKind.TRANSIENT.exitCode();
			}
		}
		catch (RunRefusedException e) {
			err.println("refused: " + e.getMessage());
			return e.exitCode();
		}
		catch (Exception e) {
			return report(err, e);
		}
	}

	/**
	 * Prints what went wrong in one or two lines (a stack trace only for a failure nobody
	 * foresaw).
	 */
	static int report(PrintWriter err, Throwable e) {
		Failure failure = Failures.classify(e);
		switch (failure.source()) {
			case REPOSITORY -> err.println(describeRepositoryFailure(failure));
			case NETWORK -> err.println("error: the network failed (" + failure.message()
					+ "); transient: run again (or let the scheduler retry) once it is back");
			case FILE -> err.println("error: cannot use the local file " + failure.message()
					+ "; check that path (a folder in the way of a file, or a file in the way of a folder? the "
					+ "permissions? the disk's free space?) and run again");
			case UNKNOWN -> {
				err.println("error: " + failure.message());
				StructuredConsole.printStackTrace(e, err);
			}
			default -> err.println("error: " + failure.message());
		}
		return failure.exitCode();
	}

	private static String describeRepositoryFailure(Failure failure) {
		return switch (failure.kind()) {
			case CONCURRENT_RUN -> "refused: another run is in progress: the job repository " + describeDatabase()
					+ " is in use by another writeback-batch process; wait for it to finish (" + failure.message()
					+ ")";
			case INVALID_INPUT -> "error: cannot open the job repository " + describeDatabase() + ": "
					+ failure.message()
					+ "; check spring.datasource.* (SPRING_DATASOURCE_URL) points at an empty database or one created "
					+ "by writeback-batch, and that the file is not damaged";
			default ->
				"error: the job repository " + describeDatabase() + " is unreachable or failing: " + failure.message()
						+ "; nothing was lost: run again (or let the scheduler retry) once the database is back";
		};
	}

	/**
	 * What a run command does after its run: a {@code scheduled} run that completed
	 * prunes old runs (when {@code writeback.retention.after-scheduled}); then the
	 * embedded H2 file is compacted. A failed prune is a warning: the run itself
	 * succeeded.
	 */
	static int afterRun(ConfigurableApplicationContext context, int code, boolean scheduled) {
		var retention = context.getBean(RetentionProperties.class);
		if (scheduled && code == FailureKind.SUCCESS_EXIT_CODE && retention.afterScheduled()) {
			try {
				long pruned = context.getBean(PruneService.class)
					.prune(retention, LocalDateTime.now(), context.getBean(RunTenant.class).current().id())
					.stream()
					.filter(RunVerdict::prune)
					.count();
				LoggerFactory.getLogger(SpringJob.class).info("retention: pruned {} old runs", pruned);
			}
			catch (RuntimeException e) {
				LoggerFactory.getLogger(SpringJob.class)
					.warn("retention: could not prune old runs ({}); run 'prune' to see why", e.getMessage());
			}
		}
		context.getBean(RepositoryCompaction.class).compactAndClose();
		return code;
	}

	/**
	 * OTLP metrics export is on only when an endpoint is configured
	 * ({@code management.otlp.metrics.export.url}, env
	 * {@code MANAGEMENT_OTLP_METRICS_EXPORT_URL}); otherwise every command would try to
	 * push to localhost:4318. Likewise the Prometheus registry, which only the
	 * Pushgateway export reads, is on only with a Pushgateway address
	 * ({@link RunPushgateway}); Boot's own pusher stays off whatever is set, since it
	 * would push every run under one grouping key.
	 */
	private static void metricsExportOnlyWhenConfigured(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			var environment = prepared.getEnvironment();
			Map<String, Object> defaults = new HashMap<>();
			if (!environment.containsProperty("management.otlp.metrics.export.url")
					&& !environment.containsProperty("management.otlp.metrics.export.enabled")) {
				defaults.put("management.otlp.metrics.export.enabled", "false");
			}
			if (!environment.containsProperty(RunPushgateway.ADDRESS)) {
				defaults.put("management.prometheus.metrics.export.enabled", "false");
			}
			environment.getPropertySources().addLast(new MapPropertySource("writeback-metrics-defaults", defaults));
			environment.getPropertySources()
				.addFirst(new MapPropertySource("writeback-metrics-overrides",
						Map.of("management.prometheus.metrics.export.pushgateway.enabled", "false")));
		}
	}

	/**
	 * As the start begins, and again once logging is set up and before the job repository
	 * opens: quiet expected refusals; then check the folders.
	 */
	private static void beforeStart(ApplicationEvent event, boolean writesFolders) {
		if (event instanceof ApplicationStartingEvent) {
			// a configuration file that cannot be read fails the start before logging is
			// set up (which installs the filter again): Spring's trace of it stays off
			// the
			// console too
			ExpectedRefusalTraces.install();
		}
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			ExpectedRefusalTraces.install();
			DurationSettings.check(prepared.getEnvironment());
			RepositoryUrl.check(prepared.getEnvironment());
			if (writesFolders) {
				WritableFolders.check(prepared.getEnvironment());
			}
		}
	}

	private static String describeDatabase() {
		return InvocationSettings.get("spring.datasource.url", "SPRING_DATASOURCE_URL")
			.map(url -> "(" + url.replaceAll("password=[^;&]*", "password=***") + ")")
			.orElse("(default H2 file ./data/writeback)");
	}

}
