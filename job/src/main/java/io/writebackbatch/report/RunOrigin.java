package io.writebackbatch.report;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Keeps who started a run and where in the run's execution context, so that a report
 * written later (or elsewhere, by {@code report --run}) still names them.
 */
@Component
public class RunOrigin implements JobExecutionListener {

	static final String USER = "report.ranBy.user";

	static final String HOST = "report.ranBy.host";

	@Override
	public void beforeJob(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		context.putString(USER, System.getProperty("user.name", "unknown"));
		context.putString(HOST, hostName());
	}

	static RunReport.RanBy of(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		return context.containsKey(USER) ? new RunReport.RanBy(context.getString(USER), context.getString(HOST))
				: RunReport.RanBy.UNKNOWN;
	}

	private static String hostName() {
		String fromEnvironment = System.getenv("HOSTNAME"); // a pod's name in Kubernetes
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "unknown";
		}
	}

}
