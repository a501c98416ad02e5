package io.writebackbatch.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.graph.gateway.BatchPoster;
import io.writebackbatch.graph.gateway.BatchReply;
import io.writebackbatch.graph.gateway.BatchStep;
import io.writebackbatch.graph.gateway.GraphAnswer;
import io.writebackbatch.graph.gateway.GraphGateway;
import io.writebackbatch.graph.gateway.Route;
import io.writebackbatch.graph.pacing.PacingTuning;
import io.writebackbatch.graph.pacing.WritePacer;
import io.writebackbatch.graph.signin.DelegatedPermission;
import io.writebackbatch.ops.RunLogContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends writebackConfiguration PATCHes through Graph JSON {@code $batch} (20 per batch,
 * several batches in flight) and judges every answer on its own ({@link BatchReply}): a
 * confirmed step is updated, 404 gone, another 4xx failed; a 429, 5xx, lost, duplicated
 * or unreadable answer is sent again after Retry-After or a backoff, like a whole
 * envelope that failed. Only what Graph confirmed is reported as applied.
 *
 * <p>
 * Stopping never interrupts a worker (it may be writing outcomes to the job repository):
 * a failure or a stop sets a flag, in-flight calls are cancelled, every wait checks the
 * flag, and unsettled patches are left without an outcome (a resume sends them again).
 */
public final class GroupBatchUpdater implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupBatchUpdater.class);

	private final GraphConnection connection;

	private final Duration noProgressTimeout;

	private final BatchPoster poster;

	private final WritePacer pacer;

	private final RetryWait retryWait;

	private final ExecutorService workers;

	private final Counter throttledSubRequests;

	private final Counter retriedSubRequests;

	/**
	 * @param noProgressTimeout writeback.graph.batch.no-progress-timeout (each call's
	 * deadline is the connection's)
	 */
	public GroupBatchUpdater(GraphConnection connection, Duration noProgressTimeout, MeterRegistry meters) {
		this.connection = connection;
		this.noProgressTimeout = noProgressTimeout;
		this.poster = connection.gateway().batches();
		this.retryWait = new RetryWait(connection);
		GraphProperties properties = connection.properties();
		this.pacer = new WritePacer(properties.maxWritesPerSecond(), properties.maxConcurrentBatches());
		this.workers = Executors.newFixedThreadPool(properties.maxConcurrentBatches(), runnable -> {
			Thread thread = new Thread(runnable, "graph-batch");
			thread.setDaemon(true);
			return thread;
		});
		this.throttledSubRequests = meters.counter("writeback.graph.throttled", "level", "batch-item");
		this.retriedSubRequests = meters.counter("writeback.graph.retries");
	}

	/**
	 * Applies the patches; {@code onBatchDone} receives each batch's outcomes as soon as
	 * that batch is settled (so the caller can record them before the next crash).
	 * Returns when every patch has an outcome; throws (after every worker has finished)
	 * when the run must stop, leaving the unsettled patches without one.
	 */
	public void apply(List<GroupPatch> patches, Consumer<List<PatchOutcome>> onBatchDone) {
		WriteRun run = new WriteRun(noProgressTimeout, poster::cancelAll);
		List<Future<?>> running = new ArrayList<>();
		// every batch is queued at once: the pacer decides which may be in flight
		for (int from = 0; from < patches.size(); from += PacingTuning.BATCH_SIZE) {
			List<GroupPatch> batch = patches.subList(from, Math.min(from + PacingTuning.BATCH_SIZE, patches.size()));
			running.add(workers.submit(RunLogContext.propagate(() -> {
				try {
					List<PatchOutcome> outcomes = send(batch, run);
					if (!outcomes.isEmpty()) {
						onBatchDone.accept(outcomes);
					}
				}
				catch (RuntimeException | Error e) {
					run.fail(e);
				}
				return null;
			})));
		}
		awaitAll(running, run);
		run.throwIfFailed();
	}

	/**
	 * Waits for every worker, whatever happens to this thread: they end on their own
	 * within their deadlines.
	 */
	private static void awaitAll(List<Future<?>> running, WriteRun run) {
		boolean interrupted = false;
		for (Future<?> future : running) {
			while (true) {
				try {
					future.get();
					break;
				}
				catch (InterruptedException e) {
					interrupted = true;
					run.fail(new GraphAccessException(FailureKind.TRANSIENT,
							"interrupted while applying changes; run 'resume'"));
				}
				catch (ExecutionException e) {
					run.fail(Objects.requireNonNullElse(e.getCause(), e));
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The batches about to be sent change role-assignable groups: a signed-in
	 * administrator is asked for both permissions Microsoft's sources name for them.
	 */
	public void changingRoleAssignableGroups() {
		connection.requirePermissions(DelegatedPermission.ROLE_ASSIGNABLE);
	}

	/** The current in-flight limit, for progress logs. */
	public int concurrencyLimit() {
		return pacer.batchesAllowedInFlight();
	}

	/** The learned or configured write rate (0 while unknown), for progress logs. */
	public double pacedWriteRate() {
		return pacer.currentRate();
	}

	private List<PatchOutcome> send(List<GroupPatch> batch, WriteRun run) throws InterruptedException {
		Map<String, GroupPatch> pending = new LinkedHashMap<>();
		batch.forEach(p -> pending.put(p.groupId(), p));
		Map<String, GraphAnswer> last = new LinkedHashMap<>();
		List<PatchOutcome> outcomes = new ArrayList<>();
		int maxAttempts = Math.max(1, connection.properties().maxRetries() + 1);
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			if (!awaitTurn(pending.size(), run)) {
				break;
			}
			long sentAt = System.nanoTime();
			BatchReply reply = poster.post(Route.BATCH_WRITE,
					pending.values().stream().map(GroupBatchUpdater::step).toList());
			ReplyTally tally = ReplyTally.of(reply);
			throttledSubRequests.increment(tally.throttled());
			pacer.onResult(pending.size(), tally.charged(), tally.throttled(), tally.level(),
					System.nanoTime() - sentAt);
			if (run.stopped()) {
				break; // what came back after a stop is not judged: resume sends it again
			}
			GraphAnswer envelope = reply.envelope();
			if (reply.refusedWhole() && envelope.verdict() == GraphAnswer.Verdict.DENIED) {
				throw GraphGateway.denied(Route.BATCH_WRITE, Route.BATCH_WRITE.doing(), envelope);
			}
			if (reply.steps().values().stream().anyMatch(a -> a.verdict() == GraphAnswer.Verdict.TOKEN_REFUSED)) {
				// the poster already asked the credential for a new token once
				throw GraphGateway.refusedAfterRenewal(Route.BATCH_WRITE.doing(), reply.firstTokenRefusal());
			}
			if (settle(reply, pending, last, outcomes, attempt) > 0) {
				run.progressed();
			}
			if (pending.isEmpty()) {
				break;
			}
			if (attempt >= maxAttempts) {
				for (String groupId : pending.keySet()) {
					GraphAnswer answer = Objects.requireNonNull(last.get(groupId), "a pending group has had an answer");
					outcomes.add(answer.outcomeFor(groupId, attempt, " after " + attempt + " attempts"));
				}
				pending.clear();
				break;
			}
			retriedSubRequests.increment(pending.size());
			if (!retryWait.before(reply, attempt, run)) {
				break;
			}
		}
		return outcomes;
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The PATCH of one group: only the fields the target sets. */
	private static BatchStep step(GroupPatch patch) {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode configuration = body.putObject("writebackConfiguration");
		Writeback target = patch.target();
		if (target.isEnabled() != null) {
			configuration.put("isEnabled", target.isEnabled());
		}
		if (target.onPremisesGroupType() != null) {
			configuration.put("onPremisesGroupType", target.onPremisesGroupType());
		}
		return BatchStep.patchGroup(patch.groupId(), body);
	}

	/**
	 * Takes every step Graph answered for good out of {@code pending}, into
	 * {@code outcomes}; returns how many.
	 */
	private static int settle(BatchReply reply, Map<String, GroupPatch> pending, Map<String, GraphAnswer> last,
			List<PatchOutcome> outcomes, int attempt) {
		int settled = 0;
		for (Map.Entry<String, GraphAnswer> entry : reply.steps().entrySet()) {
			GraphAnswer answer = entry.getValue();
			last.put(entry.getKey(), answer);
			if (answer.verdict() != GraphAnswer.Verdict.NO_ANSWER && pending.remove(entry.getKey()) != null) {
				outcomes.add(answer.outcomeFor(entry.getKey(), attempt, ""));
				settled++;
			}
		}
		return settled;
	}

	/**
	 * Waits for the pacer's permit and the shared gate; false when the run is stopping.
	 */
	private boolean awaitTurn(int writes, WriteRun run) throws InterruptedException {
		return Pause.until(() -> Duration.ofNanos(pacer.tryAcquire(writes)), "the write pacer", run::stoppedOrStalled)
				&& connection.gate().awaitOpen(run::stoppedOrStalled);
	}

	/**
	 * Stops the workers without interrupting them: cancels calls in flight, waits for
	 * them to end.
	 */
	@Override
	public void close() {
		poster.cancelAll();
		workers.shutdown();
		try {
			if (!workers.awaitTermination(connection.gateway().batchCallTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
				log.warn("batch workers still busy at shutdown; leaving them (daemon threads)");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
