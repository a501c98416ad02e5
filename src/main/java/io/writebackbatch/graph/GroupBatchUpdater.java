package io.writebackbatch.graph;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupWritebackConfiguration;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.kiota.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends writebackConfiguration PATCHes through Graph JSON {@code $batch} (20 per batch, several batches in flight)
 * and judges every sub-response on its own: 204 updated, 404 gone, other 4xx failed; 429 and 5xx are retried for
 * that sub-request only, after its own Retry-After or an exponential backoff. The SDK's RetryHandler never sees
 * sub-request 429s (the envelope is 200) and its createNewBatchFromFailedRequests re-sends 4xx under new ids, so
 * this class keeps its own step-id to group map.
 */
public final class GroupBatchUpdater implements AutoCloseable {

	static final int MAX_BATCH = 20;

	private static final Duration BASE_BACKOFF = Duration.ofMillis(500);

	private final GraphConnection connection;

	private final WritePacer pacer;

	private final AdaptiveConcurrency concurrency;

	private final ExecutorService workers;

	private final ObjectMapper json = JsonMapper.builder().build();

	private final Counter throttledSubRequests;

	private final Counter retriedSubRequests;

	public GroupBatchUpdater(GraphConnection connection, MeterRegistry meters) {
		this.connection = connection;
		GraphProperties properties = connection.properties();
		this.pacer = new WritePacer(properties.maxWritesPerSecond());
		this.concurrency = new AdaptiveConcurrency(properties.maxConcurrentBatches());
		this.workers = Executors.newFixedThreadPool(properties.maxConcurrentBatches(), runnable -> {
			Thread thread = new Thread(runnable, "graph-batch");
			thread.setDaemon(true);
			return thread;
		});
		this.throttledSubRequests = meters.counter("writeback.graph.throttled", "level", "batch-item");
		this.retriedSubRequests = meters.counter("writeback.graph.retries");
	}

	/**
	 * Applies the patches; {@code onBatchDone} receives each batch's outcomes as soon as that batch is settled (so the
	 * caller can record them before the next crash). Returns when every patch has an outcome.
	 */
	public void apply(List<GroupPatch> patches, Consumer<List<PatchOutcome>> onBatchDone) {
		List<Future<?>> running = new ArrayList<>();
		try {
			for (int from = 0; from < patches.size(); from += MAX_BATCH) {
				List<GroupPatch> batch = patches.subList(from, Math.min(from + MAX_BATCH, patches.size()));
				concurrency.acquire();
				// the worker logs with the run's logging context (run.id, definition)
				running.add(workers.submit(io.writebackbatch.ops.RunLogContext.propagate(() -> {
					boolean throttled = false;
					// a Callable, so send() may throw InterruptedException when the run is stopped
					try {
						BatchResult result = send(batch);
						throttled = result.throttled();
						onBatchDone.accept(result.outcomes());
						return null;
					}
					finally {
						concurrency.release(throttled);
					}
				})));
			}
			for (Future<?> future : running) {
				future.get();
			}
		}
		catch (InterruptedException e) {
			running.forEach(f -> f.cancel(true));
			Thread.currentThread().interrupt();
			throw new GraphAccessException(GraphAccessException.Kind.TRANSIENT, "interrupted while applying changes");
		}
		catch (ExecutionException e) {
			running.forEach(f -> f.cancel(true));
			throw e.getCause() instanceof RuntimeException runtime ? runtime
					: new GraphAccessException(GraphAccessException.Kind.TRANSIENT, e.getCause().toString(), e.getCause());
		}
	}

	/** The current in-flight limit, for progress logs. */
	public int concurrencyLimit() {
		return concurrency.limit();
	}

	/** The learned or configured write rate (0 while unknown), for progress logs. */
	public double pacedWriteRate() {
		return pacer.currentRate();
	}

	private record BatchResult(List<PatchOutcome> outcomes, boolean throttled) {
	}

	private BatchResult send(List<GroupPatch> batch) throws InterruptedException {
		Map<String, GroupPatch> pending = new LinkedHashMap<>();
		batch.forEach(p -> pending.put(p.groupId(), p));
		Map<String, SubResult> last = new HashMap<>();
		List<PatchOutcome> outcomes = new ArrayList<>();
		boolean everThrottled = false;
		int maxAttempts = Math.max(1, connection.properties().maxRetries() + 1);
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			pacer.acquire(pending.size());
			connection.gate().awaitOpen();
			Map<String, SubResult> results = post(pending.values());
			int charged = 0;
			int throttled = 0;
			double level = Double.NaN;
			Duration retryAfter = null;
			for (Map.Entry<String, SubResult> entry : results.entrySet()) {
				SubResult result = entry.getValue();
				String groupId = entry.getKey();
				last.put(groupId, result);
				if (!Double.isNaN(result.limitPercentage()) && !(result.limitPercentage() <= level)) {
					level = result.limitPercentage();
				}
				if (result.charged()) {
					charged++;
				}
				if (result.retryable()) {
					if (result.status() == 429) {
						throttled++;
						throttledSubRequests.increment();
					}
					if (result.retryAfter() != null && (retryAfter == null || result.retryAfter().compareTo(retryAfter) > 0)) {
						retryAfter = result.retryAfter();
					}
					continue;
				}
				if (result.status() == 401) {
					throw new GraphAccessException(GraphAccessException.Kind.AUTHENTICATION,
							"Graph refused the token in a batched update (401 " + result.code() + ": " + result.message()
									+ "); get a new token and run 'resume'");
				}
				pending.remove(groupId);
				outcomes.add(result.toOutcome(groupId, attempt));
			}
			pacer.onResult(charged, throttled, level);
			everThrottled |= throttled > 0;
			if (pending.isEmpty()) {
				break;
			}
			if (attempt >= maxAttempts) {
				for (String groupId : pending.keySet()) {
					outcomes.add(last.getOrDefault(groupId, SubResult.noAnswer("no answer")).toOutcome(groupId, attempt));
				}
				break;
			}
			retriedSubRequests.increment(pending.size());
			if (retryAfter != null) {
				// Graph asked to wait: every request of the run waits, or the others would pile up more 429s
				connection.gate().block(capped(retryAfter));
			}
			else {
				// a 5xx or a lost answer without Retry-After: only this batch backs off
				Duration wait = capped(backoff(attempt));
				Thread.sleep(wait.toMillis());
			}
		}
		return new BatchResult(outcomes, everThrottled);
	}

	private Duration capped(Duration wait) {
		Duration max = connection.properties().maxRetryWait();
		return wait.compareTo(max) > 0 ? max : wait;
	}

	private static Duration backoff(int attempt) {
		long base = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 8);
		return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
	}

	/** Posts one $batch; an envelope that fails as a whole marks every sub-request for retry. */
	private Map<String, SubResult> post(java.util.Collection<GroupPatch> patches) {
		BatchRequestContent content = new BatchRequestContent(connection.client());
		Map<String, String> groupByStep = new HashMap<>();
		for (GroupPatch patch : patches) {
			String stepId = content.addBatchRequestStep(
					connection.client().groups().byGroupId(patch.groupId()).toPatchRequestInformation(body(patch)));
			groupByStep.put(stepId, patch.groupId());
		}
		Map<String, SubResult> results = new LinkedHashMap<>();
		BatchResponseContent response;
		try {
			response = connection.client().getBatchRequestBuilder().post(content, null);
		}
		catch (IOException | RuntimeException e) {
			RuntimeException translated = e instanceof RuntimeException runtime ? GraphErrors.translate(runtime, "applying changes")
					: null;
			if (translated instanceof GraphAccessException access && (access.kind() == GraphAccessException.Kind.AUTHENTICATION
					|| access.kind() == GraphAccessException.Kind.PERMISSION)) {
				throw access;
			}
			SubResult failed = SubResult.noAnswer(e instanceof ApiException api ? "HTTP " + api.getResponseStatusCode()
					: e.getClass().getSimpleName() + ": " + e.getMessage());
			groupByStep.values().forEach(id -> results.put(id, failed));
			return results;
		}
		Map<String, Integer> statuses = response.getResponsesStatusCode();
		for (Map.Entry<String, String> step : groupByStep.entrySet()) {
			Integer status = statuses.get(step.getKey());
			results.put(step.getValue(), status == null ? SubResult.noAnswer("the batch answer had no sub-response for it")
					: subResult(status, response.getResponseById(step.getKey())));
		}
		return results;
	}

	private SubResult subResult(int status, Response response) {
		String requestId = response == null ? null : response.header("request-id");
		double level = response == null ? Double.NaN : limitPercentage(response.header("x-ms-throttle-limit-percentage"));
		if (status / 100 == 2) {
			return new SubResult(status, null, null, requestId, null, level);
		}
		String code = null;
		String message = null;
		try {
			String text = response == null || response.body() == null ? "" : response.body().string();
			JsonNode error = text.isBlank() ? null : json.readTree(text).path("error");
			if (error != null && !error.isMissingNode()) {
				code = error.path("code").asString(null);
				message = error.path("message").asString(null);
				String inner = error.path("innerError").path("request-id").asString(null);
				requestId = requestId != null ? requestId : inner;
			}
			else if (!text.isBlank()) {
				message = "not a Graph error body: " + text.substring(0, Math.min(200, text.length()));
			}
		}
		catch (IOException | RuntimeException e) {
			message = "unreadable error body (" + e.getClass().getSimpleName() + ")";
		}
		Duration retryAfter = response == null ? null : ThrottleGate.parseRetryAfter(response.header("Retry-After"));
		return new SubResult(status, code, message, requestId, retryAfter, level);
	}

	/** {@code x-ms-throttle-limit-percentage}: how full the fullest budget is (0.8 .. 1.8), NaN when absent. */
	static double limitPercentage(String header) {
		if (header == null || header.isBlank()) {
			return Double.NaN;
		}
		try {
			double value = Double.parseDouble(header.strip());
			return Double.isFinite(value) && value >= 0 ? value : Double.NaN;
		}
		catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	private static Group body(GroupPatch patch) {
		GroupWritebackConfiguration configuration = new GroupWritebackConfiguration();
		if (patch.target().isEnabled() != null) {
			configuration.setIsEnabled(patch.target().isEnabled());
		}
		if (patch.target().onPremisesGroupType() != null) {
			configuration.setOnPremisesGroupType(patch.target().onPremisesGroupType());
		}
		Group group = new Group();
		group.setWritebackConfiguration(configuration);
		return group;
	}

	@Override
	public void close() {
		workers.shutdownNow();
	}

	/** One sub-response: status 0 means no usable answer (connection reset, envelope failure). */
	private record SubResult(int status, String code, String message, String requestId, Duration retryAfter,
			double limitPercentage) {

		static SubResult noAnswer(String why) {
			return new SubResult(0, "NoResponse", why, null, null, Double.NaN);
		}

		/** Graph counted it against the write budget: it got an answer other than 429 or a 5xx. */
		boolean charged() {
			return status != 0 && status != 429 && status < 500;
		}

		boolean retryable() {
			return status == 0 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
		}

		PatchOutcome toOutcome(String groupId, int attempts) {
			PatchOutcome.Status outcome = status / 100 == 2 ? PatchOutcome.Status.UPDATED
					: status == 404 ? PatchOutcome.Status.NOT_FOUND : PatchOutcome.Status.FAILED;
			return new PatchOutcome(groupId, outcome, status, code, message, requestId, attempts);
		}
	}
}
