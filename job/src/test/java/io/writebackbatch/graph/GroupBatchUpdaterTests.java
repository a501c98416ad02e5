package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.simulator.AuditEntry;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.ThrottleConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batch semantics of {@link GroupBatchUpdater} against the simulator over HTTP (not
 * timed). The other two parts of the contract are end-to-end tests: no write for a group
 * already in the wanted state
 * ({@code WritebackJobFunctionalTests.applyChangesExactlyThePlannedGroupsOnce}) and a
 * restart with batches in flight re-sending at most those ({@code KillMatrixIT}'s SIGKILL
 * rows).
 */
class GroupBatchUpdaterTests {

	private static final Writeback DISABLED = new Writeback(false, null);

	GraphSimulator sim;

	@BeforeEach
	void start() throws Exception {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("t").seed(3).unifiedGroups(200).build());
	}

	@AfterEach
	void stop() {
		sim.close();
	}

	private GroupBatchUpdater updater(int maxRetries) {
		GraphProperties properties = new GraphProperties(sim.baseUrl(), "t", null, "Low", 999, 4, 0, maxRetries,
				Duration.ofSeconds(5));
		return new GroupBatchUpdater(new GraphConnection(properties,
				new BatchWriteProperties(Duration.ofSeconds(10), Duration.ofMinutes(1)), new SimpleMeterRegistry()),
				Duration.ofMinutes(1), new SimpleMeterRegistry());
	}

	private List<String> ids(int n) {
		return sim.tenant().unifiedGroups().stream().map(GroupView::id).limit(n).toList();
	}

	private Map<String, PatchOutcome> apply(GroupBatchUpdater updater, List<GroupPatch> patches) {
		ConcurrentLinkedQueue<PatchOutcome> outcomes = new ConcurrentLinkedQueue<>();
		updater.apply(patches, outcomes::addAll);
		return outcomes.stream().collect(Collectors.toMap(PatchOutcome::groupId, Function.identity()));
	}

	private List<String> patched() {
		return sim.audit().stream().filter(e -> e.method().equals("PATCH")).map(AuditEntry::target).toList();
	}

	@Test
	void aPartly429edBatchRetriesOnlyTheThrottledSubRequestsAfterTheirRetryAfter() {
		// 5 writes of burst, then 2 per second: a batch of 10 gets 5 answers 204 and 5
		// answers 429 (no more: after a
		// 429 the write pacer sends at most one write per second, so each throttled write
		// costs a second or more)
		sim.throttling(ThrottleConfig.graphLargeTenant().writes(5).timeScale(60));
		List<String> ids = ids(10);
		long start = System.nanoTime();

		Map<String, PatchOutcome> outcomes;
		try (GroupBatchUpdater updater = updater(20)) {
			outcomes = apply(updater, ids.stream().map(id -> new GroupPatch(id, DISABLED)).toList());
		}

		assertThat(outcomes).hasSize(10);
		assertThat(outcomes.values()).allMatch(o -> o.status() == Outcome.UPDATED);
		long throttled = sim.counters().throttled429();
		assertThat(throttled).as("sub-requests answered 429").isPositive();
		// every sub-request sent once, plus once more per 429: the ones answered 204 were
		// never re-sent
		assertThat(sim.counters().batchSubRequests()).isEqualTo(10 + throttled);
		assertThat(patched()).doesNotHaveDuplicates().hasSize(10);
		assertThat(outcomes.values().stream().filter(o -> o.attempts() == 1).count()).isEqualTo(5);
		// the last 5 writes could only fit as the budget refilled (2/s): Retry-After was
		// waited for, not ignored
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		ids.forEach(id -> assertThat(sim.tenant().group(id).orElseThrow().writebackEnabled()).isFalse());
	}

	@Test
	void mixedAnswersInOneBatchGiveOneOutcomeEach() {
		List<String> ids = ids(3);
		String ok = ids.get(0);
		String gone = ids.get(1);
		String invalid = ids.get(2);
		sim.tenant().deleteGroup(gone);

		Map<String, PatchOutcome> outcomes;
		try (GroupBatchUpdater updater = updater(3)) {
			outcomes = apply(updater, List.of(new GroupPatch(ok, DISABLED), new GroupPatch(gone, DISABLED),
					new GroupPatch(invalid, new Writeback(true, "notAGroupType"))));
		}

		assertThat(sim.counters().batches()).isEqualTo(1);
		assertThat(outcomes.get(ok).status()).isEqualTo(Outcome.UPDATED);
		assertThat(outcomes.get(ok).httpStatus()).isEqualTo(204);
		assertThat(outcomes.get(gone).status()).isEqualTo(Outcome.NOT_FOUND);
		assertThat(outcomes.get(gone).errorCode()).isEqualTo("Request_ResourceNotFound");
		assertThat(outcomes.get(invalid).status()).isEqualTo(Outcome.FAILED);
		assertThat(outcomes.get(invalid).httpStatus()).isEqualTo(400);
		assertThat(outcomes.get(invalid).errorCode()).isEqualTo("Request_BadRequest");
		assertThat(outcomes.get(invalid).requestId()).isNotBlank();
		assertThat(outcomes.values()).allMatch(o -> o.attempts() == 1); // 4xx are not
																		// retried
		assertThat(sim.counters().batchSubRequests()).isEqualTo(3);
	}

	@Test
	void aSubRequestThatKeepsGetting5xxEndsFailedAfterMaxRetries() {
		sim.faults(FaultConfig.none().errorRate(1.0)); // every sub-request: 503 or 504
		List<String> ids = ids(2);

		Map<String, PatchOutcome> outcomes;
		try (GroupBatchUpdater updater = updater(2)) {
			outcomes = apply(updater, ids.stream().map(id -> new GroupPatch(id, DISABLED)).toList());
		}

		assertThat(outcomes.values()).allSatisfy(o -> {
			assertThat(o.status()).isEqualTo(Outcome.FAILED);
			assertThat(o.httpStatus()).isIn(503, 504);
			assertThat(o.attempts()).isEqualTo(3); // the first attempt and 2 retries
		});
		assertThat(sim.counters().batchSubRequests()).isEqualTo(2 * 3);
		assertThat(patched()).isEmpty();
	}

}
