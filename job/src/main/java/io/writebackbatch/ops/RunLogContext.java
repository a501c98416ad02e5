package io.writebackbatch.ops;

import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Puts the run id, the definition name and the tenant into the logging context (MDC keys
 * {@code run.id}, {@code definition} and {@code tenant}) for the whole run, so every log
 * line of a run (plain or structured: ECS, Logstash, GELF) says which run it belongs to.
 * Worker threads get the same context through {@link #propagate(Callable)}.
 */
@Component
public class RunLogContext implements JobExecutionListener {

	public static final String RUN_ID = "run.id";

	public static final String DEFINITION = "definition";

	/**
	 * The tenant id of the run; the metrics' label of the same name, which the alerts
	 * group by.
	 */
	public static final String TENANT = "tenant";

	private static final Logger log = LoggerFactory.getLogger(RunLogContext.class);

	@Override
	public void beforeJob(JobExecution execution) {
		MDC.put(RUN_ID, Long.toString(execution.getJobInstance().getInstanceId()));
		String definition = execution.getJobParameters().getString("definitionName");
		if (definition != null) {
			MDC.put(DEFINITION, definition);
		}
		String tenant = execution.getJobParameters().getString("tenantId");
		if (tenant != null) {
			MDC.put(TENANT, tenant);
		}
		log.info("run {} (execution {}) started: {} of definition '{}' ({}) for tenant {} ({})",
				execution.getJobInstance().getInstanceId(), execution.getId(),
				execution.getJobParameters().getString("mode"), definition,
				execution.getJobParameters().getString("definition"), tenant,
				execution.getJobParameters().getString("cloud"));
	}

	@Override
	public void afterJob(JobExecution execution) {
		log.info("run {} (execution {}) ended {}", execution.getJobInstance().getInstanceId(), execution.getId(),
				execution.getStatus());
	}

	/** The task, run with the logging context of the thread that calls this method. */
	public static <T> Callable<T> propagate(Callable<T> task) {
		Map<String, String> context = MDC.getCopyOfContextMap();
		return () -> {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			if (context == null) {
				MDC.clear();
			}
			else {
				MDC.setContextMap(context);
			}
			try {
				return task.call();
			}
			finally {
				if (previous == null) {
					MDC.clear();
				}
				else {
					MDC.setContextMap(previous);
				}
			}
		};
	}

}
