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
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.graph.pacing.PacingTuning;
import io.writebackbatch.graph.pacing.WritePacer;
import io.writebackbatch.ops.RunLogContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private final BatchWriteProperties limits;

	private final BatchPoster poster;

	private final WritePacer pacer;

	private final RetryWait retryWait;

	private final ExecutorService workers;

	private final Counter throttledSubRequests;

	private final Counter retriedSubRequests;

	public GroupBatchUpdater(GraphConnection connection, BatchWriteProperties limits, MeterRegistry meters) {
		this.connection = connection;
		this.limits = limits;
		this.poster = new BatchPoster(connection, limits.callTimeout());
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
		WriteRun run = new WriteRun(limits.noProgressTimeout(), poster::cancelAll);
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
					run.fail(new GraphAccessException(GraphAccessException.Kind.TRANSIENT,
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
		boolean tokenRefreshed = false;
		int maxAttempts = Math.max(1, connection.properties().maxRetries() + 1);
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			if (!awaitTurn(pending.size(), run)) {
				break;
			}
			long sentAt = System.nanoTime();
			BatchReply reply = poster.post(List.copyOf(pending.values()));
			ReplyTally tally = ReplyTally.of(reply);
			throttledSubRequests.increment(tally.throttled());
			pacer.onResult(pending.size(), tally.charged(), tally.throttled(), tally.level(),
					System.nanoTime() - sentAt);
			if (run.stopped()) {
				break; // what came back after a stop is not judged: resume sends it again
			}
			GraphAnswer envelope = reply.envelope();
			if (envelope.verdict() == GraphAnswer.Verdict.DENIED) {
				throw new GraphAccessException(GraphAccessException.Kind.PERMISSION,
						"Graph denied the batched updates (" + envelope.describe()
								+ "); grant the app the Group.ReadWrite.All application permission with "
								+ "admin consent, then run 'resume'");
			}
			if (reply.steps().values().stream().anyMatch(a -> a.verdict() == GraphAnswer.Verdict.TOKEN_REFUSED)) {
				if (tokenRefreshed) {
					throw new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION,
							"Graph refused the access token for the batched updates, also after getting it again ("
									+ reply.firstTokenRefusal().describe() + "): it is expired, revoked or for another "
									+ "tenant or audience; provide a valid token or credential, then run 'resume'");
				}
				log.warn("Graph refused the access token ({}); getting it again once",
						reply.firstTokenRefusal().describe());
				tokenRefreshed = true;
				attempt--;
				continue;
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
			if (!workers.awaitTermination(limits.callTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
				log.warn("batch workers still busy at shutdown; leaving them (daemon threads)");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
