package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.simulator.AuditEntry;
import io.writebackbatch.simulator.BatchFaults;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupBatchUpdater} against every way a {@code $batch} answer can go wrong
 * (simulator over HTTP).
 */
class HostileBatchAnswersTests {

	private static final Writeback DISABLED = new Writeback(false, null);

	GraphSimulator sim;

	@BeforeEach
	void start() throws Exception {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("t").seed(4).unifiedGroups(200).build());
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	private GroupBatchUpdater updater(int maxRetries, Duration maxRetryWait, Duration callTimeout,
			Duration noProgress) {
		GraphProperties properties = new GraphProperties(sim.baseUrl(), "t", null, "Low", 999, 4, 0, maxRetries,
				maxRetryWait);
		return new GroupBatchUpdater(new GraphConnection(properties, new BatchWriteProperties(callTimeout, noProgress),
				new SimpleMeterRegistry()), noProgress, new SimpleMeterRegistry());
	}

	private GroupBatchUpdater updater(int maxRetries) {
		return updater(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1));
	}

	private List<GroupPatch> patches(int n) {
		return sim.tenant().unifiedGroups().stream().limit(n).map(g -> new GroupPatch(g.id(), DISABLED)).toList();
	}

	private static Map<String, PatchOutcome> apply(GroupBatchUpdater updater, List<GroupPatch> patches) {
		ConcurrentLinkedQueue<PatchOutcome> outcomes = new ConcurrentLinkedQueue<>();
		updater.apply(patches, outcomes::addAll);
		assertThat(outcomes).extracting(PatchOutcome::groupId).doesNotHaveDuplicates();
		return outcomes.stream().collect(Collectors.toMap(PatchOutcome::groupId, Function.identity()));
	}

	private long patchesApplied() {
		return sim.audit().stream().filter(e -> e.method().equals("PATCH")).map(AuditEntry::target).count();
	}

	@Test
	void everyUpdateIsConfirmedThroughGatewayPagesAndGarbledLostDuplicatedAndStrangeStepAnswers() {
		// An envelope meets a gateway page with odds of about one half (two draws of
		// 0.3): over the ten or more
		// envelopes that 200 groups take, the chance that none does is below 1 in 1,000.
		sim.faults(FaultConfig.none().gatewayErrorRate(0.3));
		sim.batchFaults(BatchFaults.none()
			.gatewayRate(0.3)
			.nullErrorRate(0.05)
			.malformedStepRate(0.05)
			.missingStepRate(0.05)
			.duplicateStepRate(0.05)
			.unknownStepRate(0.2));
		List<GroupPatch> patches = patches(200);

		Map<String, PatchOutcome> outcomes;
		// retries are the subject, not their waits: 0.2 s at most between attempts
		try (GroupBatchUpdater updater = updater(20, Duration.ofMillis(200), Duration.ofSeconds(5),
				Duration.ofMinutes(1))) {
			outcomes = apply(updater, patches);
		}

		assertThat(outcomes).hasSize(200);
		assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.status()).isEqualTo(Outcome.UPDATED));
		patches.forEach(p -> assertThat(sim.tenant().group(p.groupId()).orElseThrow().writebackEnabled()).isFalse());
		assertThat(sim.throttlePriorities()).as("x-ms-throttle-priority on every step").containsOnlyKeys("Low");
		assertThat(sim.counters().injected5xx()).as("the gateway did fail some envelopes").isPositive();
	}

	@Test
	void anEnvelope401WhoseCredentialHandsBackTheSameTokenStopsTheRunSayingSo() {
		sim.batchFaults(BatchFaults.none().envelope(1, 401, null));
		List<PatchOutcome> recorded = new ArrayList<>();
		try (GroupBatchUpdater updater = updater(3)) {
			assertThatThrownBy(() -> updater.apply(patches(20), recorded::addAll))
				.isInstanceOfSatisfying(GraphAccessException.class,
						e -> assertThat(e.failureKind()).isEqualTo(FailureKind.AUTHENTICATION))
				.hasMessageContaining("refused the access token")
				.hasMessageContaining("handed back the same token")
				.hasMessageContaining("token is expired");
		}
		// a pre-issued token cannot be renewed: sending the batch again would only be
		// refused again
		assertThat(sim.counters().batches()).isEqualTo(1);
		assertThat(recorded).isEmpty();
	}

	@Test
	void anEnvelope403StopsTheRunNamingThePermission() {
		sim.batchFaults(BatchFaults.none().envelope(1, 403, null));
		try (GroupBatchUpdater updater = updater(3)) {
			assertThatThrownBy(() -> updater.apply(patches(20), outcomes -> {
			})).isInstanceOfSatisfying(GraphAccessException.class,
					e -> assertThat(e.failureKind()).isEqualTo(FailureKind.PERMISSION))
				.hasMessageContaining("Group.ReadWrite.All");
		}
		assertThat(patchesApplied()).isZero();
	}

	@Test
	void aBatchThatNeverAnswersEndsAtItsDeadlineAndIsNotRecordedAsApplied() {
		sim.batchFaults(BatchFaults.none().unansweredRate(1));
		long start = System.nanoTime();
		Map<String, PatchOutcome> outcomes;
		try (GroupBatchUpdater updater = updater(1, Duration.ofMillis(100), Duration.ofSeconds(1),
				Duration.ofMinutes(1))) {
			outcomes = apply(updater, patches(20));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		assertThat(outcomes.values()).allSatisfy(o -> {
			assertThat(o.status()).isEqualTo(Outcome.FAILED);
			assertThat(o.errorMessage()).contains("no answer within the deadline of 1 s").contains("after 2 attempts");
		});
	}

	@Test
	void aRetryAfterOfADayOrAsADateIsCappedByMaxRetryWait() {
		for (String retryAfter : List.of("86400", "Wed, 21 Oct 2037 07:28:00 GMT")) {
			sim.batchFaults(BatchFaults.none().envelope(1, 429, retryAfter));
			long start = System.nanoTime();
			Map<String, PatchOutcome> outcomes;
			try (GroupBatchUpdater updater = updater(2, Duration.ofMillis(500), Duration.ofSeconds(5),
					Duration.ofMinutes(1))) {
				outcomes = apply(updater, patches(20));
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(retryAfter).isLessThan(Duration.ofSeconds(10));
			assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.errorMessage()).contains("HTTP 429"));
		}
	}

	@Test
	void aRunThatGraphConfirmsNothingInStopsResumableAfterTheNoProgressTimeout() {
		sim.batchFaults(BatchFaults.none().envelope(1, 503, "0.2"));
		List<PatchOutcome> recorded = new ArrayList<>();
		try (GroupBatchUpdater updater = updater(100, Duration.ofSeconds(1), Duration.ofSeconds(5),
				Duration.ofSeconds(2))) {
			assertThatThrownBy(() -> updater.apply(patches(40), recorded::addAll))
				.isInstanceOfSatisfying(GraphAccessException.class,
						e -> assertThat(e.failureKind()).isEqualTo(FailureKind.TRANSIENT))
				.hasMessageContaining("confirmed no change");
		}
		assertThat(recorded).isEmpty();
	}

	@Test
	void aFailureWhileRecordingStopsTheOtherWorkersWithoutInterruptingThem() {
		List<GroupPatch> patches = patches(200);
		AtomicInteger calls = new AtomicInteger();
		AtomicBoolean interrupted = new AtomicBoolean();
		try (GroupBatchUpdater updater = updater(3)) {
			assertThatThrownBy(() -> updater.apply(patches, outcomes -> {
				interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
				if (calls.incrementAndGet() == 2) {
					throw new IllegalStateException("the job repository failed");
				}
			})).hasMessage("the job repository failed");
		}
		assertThat(interrupted).isFalse();
		assertThat(calls.get()).isLessThan(10);
	}

}
