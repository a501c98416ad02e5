package io.writebackbatch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.writebackbatch.BuildDirectory;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.domain.RunMode;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Which run {@link RunService} starts for a definition whose last run did not finish:
 * each case seeds that run in the job repository, then asks for an apply (or its
 * rollback: {@code rollback --apply} ends an unfinished apply under its definition's
 * lock, deciding from what it reads under that lock).
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class RunServiceDecisionsTests {

	@RegisterExtension
	static final SimulatorExtension sim = new SimulatorExtension(tenant -> tenant.unifiedGroups(20));

	@Autowired
	RunService runs;

	@Autowired
	JobRepository repository;

	@Autowired
	RunHistory history;

	@MockitoSpyBean
	DefinitionLock locks;

	@TempDir
	Path dir;

	@DynamicPropertySource
	static void graph(DynamicPropertyRegistry registry) {
		registry.add("writeback.graph.base-url", sim::baseUrl);
		registry.add("writeback.graph.access-token", sim::token);
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:run-decisions;DB_CLOSE_DELAY=-1");
		registry.add("writeback.report.directory", REPORTS::toString);
	}

	static final Path REPORTS = BuildDirectory.resolve("test-reports/run-decisions");

	@Test
	void anApplyAfterAnUnfinishedRunOfTheSameDefinitionIsRefused() throws Exception {
		JobDefinition definition = definition("refused");
		JobExecution failed = unfinishedRun(definition, definition.sha256());

		assertThatThrownBy(() -> runs.start(definition, RunMode.APPLY, false))
			.isInstanceOfSatisfying(RunRefusedException.class, refused -> {
				assertThat(refused.failureKind()).isEqualTo(FailureKind.INVALID_INPUT);
				assertThat(refused.getMessage()).contains("run " + failed.getJobInstance().getInstanceId())
					.contains("did not finish")
					.contains("resume --definition " + definition.file())
					.contains("apply --new-run");
			});
		assertThat(status(failed)).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void newRunAbandonsTheUnfinishedRunAndStartsAnother() throws Exception {
		JobDefinition definition = definition("new-run");
		JobExecution failed = unfinishedRun(definition, definition.sha256());

		JobExecution started = runs.start(definition, RunMode.APPLY, true);

		assertThat(status(failed)).isEqualTo(BatchStatus.ABANDONED);
		assertThat(started.getJobInstance().getInstanceId()).isNotEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(started.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	/**
	 * The warning was found missing by an attack: the stopped run was passed over without
	 * a word.
	 */
	@Test
	void aChangedDefinitionIsADifferentRunAndLeavesTheUnfinishedOneResumable(CapturedOutput output) throws Exception {
		JobDefinition definition = definition("changed");
		JobExecution failed = unfinishedRun(definition, "sha256-of-the-definition-before-it-changed");

		JobExecution started = runs.start(definition, RunMode.APPLY, false);

		assertThat(output.getAll()).contains("run " + failed.getJobInstance().getInstanceId()
				+ " of 'changed' (FAILED, " + "started from " + definition.file() + ") is of other content than "
				+ definition.file() + ": it is left unfinished, and a new run starts");

		assertThat(started.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(started.getJobInstance().getInstanceId()).isNotEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(status(failed)).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void resumingADefinitionWhoseLastRunCompletedIsRefused() throws Exception {
		JobDefinition definition = definition("completed");
		runs.start(definition, RunMode.PLAN, false);

		assertThatThrownBy(() -> runs.resume(definition)).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("is not resumable");
	}

	/**
	 * Another process resumes the run after the rollback first looked at it and just
	 * before the rollback holds the run's lock: the run is not abandoned and no rollback
	 * starts (else it would undo a run that goes on writing).
	 */
	@Test
	void aRollbackOfARunResumedElsewhereBeforeItsLockIsRefusedAndEndsNothing() throws Exception {
		JobDefinition definition = definition("resumed-elsewhere");
		JobExecution failed = unfinishedRun(definition, definition.sha256());
		long run = RunHistory.runId(failed);
		String runLock = RunKey.of(failed).orElseThrow().lockName();
		AtomicBoolean resumed = new AtomicBoolean();
		doAnswer(call -> {
			if (runLock.equals(call.getArgument(0)) && resumed.compareAndSet(false, true)) {
				execution(failed.getJobInstance(), failed.getJobParameters(), BatchStatus.STARTED);
			}
			return call.callRealMethod();
		}).when(locks).acquire(anyString());

		assertThatThrownBy(() -> runs.rollback(run, RunMode.APPLY, false))
			.isInstanceOfSatisfying(RunRefusedException.class, refused -> {
				assertThat(refused.failureKind()).isEqualTo(FailureKind.CONCURRENT_RUN);
				assertThat(refused.getMessage()).contains("run " + run).contains("in progress");
			});
		assertThat(resumed).as("the run's lock was taken").isTrue();
		assertThat(status(failed)).as("the resumed execution goes on, not abandoned").isEqualTo(BatchStatus.STARTED);
		assertThat(repository.getJobInstances(RunParameters.JOB_NAME, 0, 1000)
			.stream()
			.map(repository::getLastJobExecution)
			.filter(e -> Long.valueOf(run).equals(e.getJobParameters().getLong(RunParameters.ROLLBACK_OF))))
			.as("no rollback run started")
			.isEmpty();
	}

	/**
	 * Was released before the rollback wrote anything: on PostgreSQL the nightly's
	 * {@code scheduled} of the definition could start meanwhile and disable again what
	 * the rollback was restoring.
	 */
	@Test
	void anAppliedRollbackHoldsTheDefinitionLockOfItsRunUntilItEnds() throws Exception {
		JobDefinition definition = definition("held-by-its-rollback");
		JobExecution failed = unfinishedRun(definition, definition.sha256());
		long run = RunHistory.runId(failed);
		String runLock = RunKey.of(failed).orElseThrow().lockName();
		List<String> rollbackAtRelease = new CopyOnWriteArrayList<>();
		doAnswer(call -> {
			DefinitionLock.Held held = (DefinitionLock.Held) call.callRealMethod();
			if (!runLock.equals(call.getArgument(0))) {
				return held;
			}
			return new DefinitionLock.Held() {
				@Override
				public boolean exclusive() {
					return held.exclusive();
				}

				@Override
				public void verify() throws Exception {
					held.verify();
				}

				@Override
				public void close() {
					rollbackAtRelease.add(rollbackOf(run).map(e -> e.getStatus().name()).orElse("not started"));
					held.close();
				}
			};
		}).when(locks).acquire(anyString());

		JobExecution rollback = runs.rollback(run, RunMode.APPLY, false);

		assertThat(rollback.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(rollbackAtRelease).as("the rollback's status when the definition's lock was released")
			.containsExactly("COMPLETED");
	}

	/**
	 * Was silent: the next nightly of the definition disabled again every group the
	 * rollback restored, and nothing had said it would.
	 */
	@Test
	void anAppliedRollbackSaysThatTheDefinitionsNextRunChangesTheGroupsAgain(CapturedOutput output) throws Exception {
		JobDefinition definition = definition("rolled-back-nightly");
		long run = RunHistory.runId(unfinishedRun(definition, definition.sha256()));

		runs.rollback(run, RunMode.APPLY, false);

		assertThat(output.getAll()).contains("the definition of run " + run + " (" + definition.file()
				+ ") still asks for what this rollback undoes: its next 'apply' or 'scheduled' run");
	}

	private Optional<JobExecution> rollbackOf(long run) {
		return repository.getJobInstances(RunParameters.JOB_NAME, 0, 1000)
			.stream()
			.map(repository::getLastJobExecution)
			.filter(e -> Long.valueOf(run).equals(e.getJobParameters().getLong(RunParameters.ROLLBACK_OF)))
			.findFirst();
	}

	@Test
	void anUnfinishedRunIsEndedByItsRollbackAndItsSummarySaysWhichOne() throws Exception {
		JobDefinition definition = definition("undone");
		JobExecution failed = unfinishedRun(definition, definition.sha256());
		long run = RunHistory.runId(failed);

		JobExecution rollback = runs.rollback(run, RunMode.APPLY, false);

		long rollbackRun = RunHistory.runId(rollback);
		JobExecution undone = repository.getLastJobExecution(failed.getJobInstance());
		assertThat(undone.getStatus()).isEqualTo(BatchStatus.ABANDONED);
		assertThat(undone.getExitStatus().getExitDescription()).startsWith(RunService.UNDONE_BY_ROLLBACK);
		assertThat(history.undoneBy(undone)).contains(rollbackRun);
		assertThat(history.undoneBy(rollback)).as("the rollback itself was undone by nothing").isEmpty();
		assertThat(SummarySchema.read(REPORTS.resolve(run + "/summary.json")).path("undoneByRollback").asLong())
			.as("its report, written again when the rollback started")
			.isEqualTo(rollbackRun);
	}

	/**
	 * Was a resumed run: {@code resume --definition a/nightly.yaml} (disable) carried on
	 * the stopped run of {@code b/nightly.yaml} (enable), one definition by name.
	 */
	@Test
	void resumingWithAnotherFileOfTheSameNameIsRefused() throws Exception {
		JobDefinition stoppedOne = definition(Files.createDirectories(dir.resolve("b")), "nightly",
				"action: enable\nonPremisesGroupType: universalDistributionGroup\n");
		JobExecution failed = unfinishedRun(stoppedOne, stoppedOne.sha256());
		JobDefinition other = definition(Files.createDirectories(dir.resolve("a")), "nightly", "action: disable\n");

		assertThatThrownBy(() -> runs.resume(other)).isInstanceOfSatisfying(RunRefusedException.class, refused -> {
			assertThat(refused.failureKind()).isEqualTo(FailureKind.INVALID_INPUT);
			assertThat(refused.getMessage())
				.contains("was started from other content: that is " + stoppedOne.file() + ", not " + other.file()
						+ " (another file of the same name 'nightly'")
				.contains("nothing was done")
				.contains("Continue it with 'resume --definition " + stoppedOne.file() + "'");
		});
		assertThat(status(failed)).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void resumingAfterTheDefinitionChangedIsRefusedBeforeAnythingStarts() throws Exception {
		JobDefinition before = definition("edited");
		JobExecution failed = unfinishedRun(before, before.sha256());
		JobDefinition after = definition(dir, "edited", "action: disable\nmaxChanges: 5\n");

		assertThatThrownBy(() -> runs.resume(after)).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining(after.file() + " (or an id file it names) changed since then; restore it to resume");
		assertThat(repository.getJobExecutions(failed.getJobInstance())).as("no new execution").hasSize(1);
	}

	private JobDefinition definition(String name) throws IOException {
		return definition(dir, name, "action: disable\n");
	}

	private JobDefinition definition(Path folder, String name, String yaml) throws IOException {
		Path file = folder.resolve(name + ".yaml");
		Files.writeString(file, yaml);
		return new JobDefinitionLoader().load(file);
	}

	/**
	 * An apply of {@code definition} (as hashed by {@code sha256}) that failed: what a
	 * crash or an outage leaves.
	 */
	private JobExecution unfinishedRun(JobDefinition definition, String sha256) {
		JobParameters parameters = new JobParametersBuilder()
			.addString(RunParameters.DEFINITION, definition.file().toString())
			.addString(RunParameters.DEFINITION_NAME, definition.name())
			.addString(RunParameters.DEFINITION_SHA256, sha256)
			.addString(RunParameters.MODE, RunMode.APPLY.parameterValue())
			.addString(RunParameters.REQUESTED_AT, Instant.now().toString() + System.nanoTime())
			.addString(RunParameters.TENANT_ID, sim.config().tenantId(), false)
			.addString(RunParameters.CLOUD, "global", false)
			.toJobParameters();
		JobInstance instance = repository.createJobInstance(RunParameters.JOB_NAME, parameters);
		return execution(instance, parameters, BatchStatus.FAILED);
	}

	/** An execution of {@code instance}: ended unless {@code status} is a running one. */
	private JobExecution execution(JobInstance instance, JobParameters parameters, BatchStatus status) {
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(status);
		if (!status.isRunning()) {
			execution.setEndTime(LocalDateTime.now());
		}
		repository.update(execution);
		return execution;
	}

	private BatchStatus status(JobExecution execution) {
		return repository.getLastJobExecution(execution.getJobInstance()).getStatus();
	}

}
