package io.writebackbatch.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.BuildDirectory;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.staging.StagingRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The job and its steps through Spring Batch's test support, against the simulator;
 * metrics included.
 */
@SpringBatchTest
@SpringBootTest
class WritebackJobTests {

	static final GraphSimulator sim = start();

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	StagingRepository staging;

	@Autowired
	MeterRegistry meters;

	static GraphSimulator start() {
		try {
			return GraphSimulator
				.start(SimulatorConfig.builder().port(0).token("batch-test").seed(5).unifiedGroups(300).build());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@DynamicPropertySource
	static void graph(DynamicPropertyRegistry registry) {
		registry.add("writeback.graph.base-url", sim::baseUrl);
		registry.add("writeback.graph.access-token", () -> "batch-test");
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:batch-tests;DB_CLOSE_DELAY=-1");
		registry.add("writeback.report.directory", () -> BuildDirectory.resolve("test-reports").toString());
	}

	@AfterAll
	static void stop() {
		sim.close();
	}

	@Test
	void aPlanRunStagesAndDecidesEveryGroupAndRecordsMetrics() throws Exception {
		JobExecution execution = jobs.startJob(parameters("plan"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(staging.countGroups(runId)).isEqualTo(300);
		assertThat(staging.countPlannedChanges(runId)).isPositive();
		assertThat(execution.getStepExecutions()).extracting(s -> s.getStepName())
			.containsExactly("inventory", "plan", "changeControl", "newGroupDefaultPlan", "memberAudit", "report",
					"groupsCsv", "reportFiles");
		assertThat(meters.get("writeback.groups.read").counter().count()).isGreaterThanOrEqualTo(300);
		assertThat(meters.get("spring.batch.step").tag("spring.batch.step.name", "inventory").timer().count())
			.isPositive();
		assertThat(meters.get("writeback.graph.requests").counter().count()).isPositive();
	}

	@Test
	void theInventoryStepAloneRecordsThePagingPositionAsItsCheckpoint() throws Exception {
		JobExecution execution = jobs.startStep("inventory", parameters("plan"), null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		var step = execution.getStepExecutions().iterator().next();
		assertThat(step.getReadCount()).isEqualTo(300);
		assertThat(step.getExecutionContext().containsKey("inventory.offset")).isTrue();
	}

	private static JobParameters parameters(String mode) {
		JobDefinition definition = new JobDefinitionLoader().load(Path.of("jobs/disable-all.yaml"));
		return new JobParametersBuilder().addString(RunParameters.DEFINITION, definition.file().toString())
			.addString(RunParameters.DEFINITION_NAME, definition.name())
			.addString(RunParameters.DEFINITION_SHA256, definition.sha256())
			.addString(RunParameters.MODE, mode)
			.addString(RunParameters.REQUESTED_AT, Instant.now().toString() + System.nanoTime())
			.addString(RunParameters.TENANT_ID, sim.tenantId(), false)
			.addString(RunParameters.CLOUD, "global", false)
			.toJobParameters();
	}

}
