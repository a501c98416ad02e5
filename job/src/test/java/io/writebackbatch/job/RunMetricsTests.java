package io.writebackbatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.LocalDateTime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.ops.GracefulShutdown;
import io.writebackbatch.ops.RunPushgateway;
import io.writebackbatch.report.ReportWriter;
import io.writebackbatch.report.RunReport;
import io.writebackbatch.runs.RunParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

/**
 * The run meters an alert reads: the last success and the failed groups only from a run
 * that COMPLETED (a failed run is reported by its status), the rest from every run.
 */
class RunMetricsTests {

	@ParameterizedTest(name = "{0}, paused {1}, {2} sent")
	@CsvSource({ "COMPLETED, false, 5, true, true", "FAILED, false, 5, false, false", "STOPPED, false, 5, false, false",
			"STOPPED, true, 5, false, true", "STOPPED, true, 0, false, false" })
	void onlyACompletedRunReportsItsSuccessAndOnlyAPauseThatSentChangesIsProgress(BatchStatus status, boolean paused,
			long sent, boolean reported, boolean progress) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ReportWriter reports = mock(ReportWriter.class);
		RunReport summary = mock(RunReport.class);
		when(summary.failed()).thenReturn(3L);
		when(summary.pending()).thenReturn(7L);
		when(reports.summarize(any())).thenReturn(summary);
		GracefulShutdown shutdown = new GracefulShutdown(Duration.ofSeconds(1));
		RunMetrics metrics = new RunMetrics(meters, mock(RunPushgateway.class), reports, shutdown, "scheduled");
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, RunParameters.JOB_NAME),
				new JobParametersBuilder().addString(RunParameters.DEFINITION_NAME, "disable-all")
					.addString(RunParameters.MODE, "apply")
					.toJobParameters());
		execution.setStartTime(LocalDateTime.now());
		StepExecution apply = new StepExecution("apply", execution);
		apply.setWriteCount(sent);
		execution.addStepExecution(apply);

		shutdown.beforeJob(execution);
		metrics.beforeJob(execution);
		execution.setStatus(BatchStatus.STARTED);
		if (paused) {
			shutdown.pause("writeback.apply.max-duration (1m)");
		}
		execution.setStatus(status);
		execution.setEndTime(LocalDateTime.now());
		metrics.afterJob(execution);

		assertThat(meters.find("writeback.run").tag("status", status.name()).tag("command", "scheduled").counter())
			.isNotNull();
		assertThat(meters.find("writeback.run.start.timestamp").tag("definition", "disable-all").gauge()).isNotNull();
		assertThat(meters.find("writeback.run.pending.changes").gauge().value()).isEqualTo(7);
		assertThat(meters.find("writeback.run.last.success.timestamp").gauge() != null).isEqualTo(reported);
		assertThat(meters.find("writeback.run.failed.groups").gauge() != null).isEqualTo(reported);
		assertThat(meters.find("writeback.run.applied.changes").gauge().value()).isEqualTo(sent);
		assertThat(meters.find("writeback.run.last.progress.timestamp").gauge() != null).isEqualTo(progress);
	}

}
