package io.writebackbatch.job;

import java.util.Locale;

import io.writebackbatch.ops.GracefulShutdown;
import io.writebackbatch.ops.RunLogContext;
import io.writebackbatch.report.ApplyTimeline;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunOrigin;
import io.writebackbatch.report.UndoneRunReport;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.runs.RunParameters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job: inventory (a full listing, the incremental one, or a reviewed plan's groups),
 * plan (the groups, the new-group default, the optional member audit; a plan's digest and
 * the groups turned back since the last apply), then in apply mode the maxChanges check,
 * the new-group default and the groups, then the report. A run that fails or is stopped
 * still writes its (partial) report.
 */
@Configuration(proxyBeanMethods = false)
class WritebackJobConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WritebackJobConfiguration.class);

	@Bean
	Job writebackJob(JobRepository jobRepository, JobExecutionDecider inventoryKind, Step inventoryStep,
			Step plannedGroupsStep, Step incrementalInventoryStep, Step planStep, Step changeControlStep,
			Step newGroupDefaultPlanStep, Step memberAuditStep, Step capStep, Step newGroupDefaultApplyStep,
			Step applyStep, Step reportStep, ReportWriter reports, RunOrigin origin, UndoneRunReport undoneRunReport,
			ApplyTimeline timeline, RunLogContext logContext, GracefulShutdown shutdown, RunMetrics metrics,
			ObjectProvider<RunContext> runs) {
		JobExecutionDecider mode = (job, step) -> new FlowExecutionStatus(runs.getObject().mode().name());
		// afterJob runs in reverse order: the partial report, then metrics, then the end
		// of the run is logged
		return new JobBuilder(RunParameters.JOB_NAME, jobRepository).listener(logContext)
			.listener(shutdown)
			.listener(metrics)
			.listener(origin)
			.listener(undoneRunReport)
			.listener(timeline)
			.listener(partialReport(reports))
			.start(inventoryKind)
			.on("PLANNED_GROUPS")
			.to(plannedGroupsStep)
			.next(planStep)
			.from(inventoryKind)
			.on("INCREMENTAL")
			.to(incrementalInventoryStep)
			.next(planStep)
			.from(inventoryKind)
			.on("*")
			.to(inventoryStep)
			.next(planStep)
			.next(changeControlStep)
			.next(newGroupDefaultPlanStep)
			.next(memberAuditStep)
			.next(mode)
			.on("PLAN")
			.to(reportStep)
			.from(mode)
			.on("APPLY")
			.to(capStep)
			.next(newGroupDefaultApplyStep)
			.next(applyStep)
			.next(reportStep)
			.end()
			.build();
	}

	private static JobExecutionListener partialReport(ReportWriter reports) {
		return new JobExecutionListener() {
			@Override
			public void afterJob(JobExecution execution) {
				if (execution.getStatus() != BatchStatus.COMPLETED) {
					try {
						reports.write(execution);
						log.info("partial report written to {}",
								reports.directory(execution.getJobInstance().getInstanceId()));
					}
					catch (RuntimeException e) {
						log.warn("could not write the partial report: {}", e.getMessage());
					}
				}
			}
		};
	}

}
