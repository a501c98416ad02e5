package io.writebackbatch.graph;

import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.graph.pacing.PacingTuning;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;

/**
 * Re-reads groups by id through JSON {@code $batch} (20 GETs per batch, several batches
 * in flight): the current state of a known set of groups without listing the tenant. A
 * 404 means the group is gone; 429 and 5xx are retried for that sub-request only, after
 * Graph's Retry-After (which holds every request of the run) or a backoff.
 */
public final class GroupBatchReader implements AutoCloseable {

	private static final String[] SELECT = GroupDirectory.SELECT;

	private static final Duration BACKOFF = Duration.ofMillis(500);

	private final GraphConnection connection;

	private final ExecutorService workers;

	public GroupBatchReader(GraphConnection connection) {
		this.connection = connection;
		this.workers = Executors.newFixedThreadPool(connection.properties().maxConcurrentBatches(), runnable -> {
			Thread thread = new Thread(runnable, "graph-batch-read");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Each id's current state; empty when Graph answers 404 (deleted). Ids are lower-case
	 * GUIDs.
	 */
	public Map<String, Optional<GroupSnapshot>> read(List<String> ids) {
		List<CompletableFuture<Map<String, Optional<GroupSnapshot>>>> batches = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += PacingTuning.BATCH_SIZE) {
			List<String> batch = ids.subList(from, Math.min(from + PacingTuning.BATCH_SIZE, ids.size()));
			batches.add(CompletableFuture.supplyAsync(() -> readBatch(batch), workers));
		}
		Map<String, Optional<GroupSnapshot>> found = new LinkedHashMap<>();
		try {
			batches.forEach(batch -> found.putAll(batch.join()));
		}
		catch (CompletionException e) {
			Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
			throw cause instanceof RuntimeException runtime ? runtime
					: new GraphAccessException(GraphAccessException.Kind.TRANSIENT, cause.toString(), cause);
		}
		return found;
	}

	private Map<String, Optional<GroupSnapshot>> readBatch(List<String> ids) {
		Map<String, Optional<GroupSnapshot>> found = new HashMap<>();
		List<String> pending = new ArrayList<>(ids);
		int maxAttempts = Math.max(1, connection.properties().maxRetries() + 1);
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			awaitGate();
			Duration retryAfter = null;
			List<String> retry = new ArrayList<>();
			BatchAnswer answer = post(pending);
			for (String id : pending) {
				Integer status = answer.statuses().get(id);
				if (status == null || status == 429 || status >= 500) {
					retry.add(id);
					Duration wait = answer.retryAfter().get(id);
					retryAfter = wait != null && (retryAfter == null || wait.compareTo(retryAfter) > 0) ? wait
							: retryAfter;
				}
				else if (status == 404) {
					found.put(id, Optional.empty());
				}
				else if (status / 100 == 2) {
					found.put(id, Optional.of(ListedGroups
						.toSnapshot(Objects.requireNonNull(answer.groups().get(id), "a 2xx step has its group"))));
				}
				else {
					throw new GraphAccessException(
							status == 401 ? GraphAccessException.Kind.AUTHENTICATION
									: status == 403 ? GraphAccessException.Kind.PERMISSION
											: GraphAccessException.Kind.INVALID,
							"Graph answered HTTP " + status + " re-reading group " + id
									+ (status == 403 ? "; grant the app Group.Read.All (or Group.ReadWrite.All)" : ""));
				}
			}
			if (retry.isEmpty()) {
				break;
			}
			if (attempt >= maxAttempts) {
				throw new GraphAccessException(GraphAccessException.Kind.TRANSIENT, "Graph stayed unavailable or "
						+ "throttled while re-reading " + retry.size() + " groups by id; run 'resume' later");
			}
			pending = retry;
			Duration wait = retryAfter != null ? retryAfter : BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 6));
			connection.gate().block(min(wait, connection.properties().maxRetryWait()));
		}
		return found;
	}

	private record BatchAnswer(Map<String, Integer> statuses, Map<String, Group> groups,
			Map<String, Duration> retryAfter) {
	}

	private BatchAnswer post(List<String> ids) {
		BatchRequestContent content = new BatchRequestContent(connection.client());
		Map<String, String> idByStep = new HashMap<>();
		for (String id : ids) {
			String step = content.addBatchRequestStep(connection.client()
				.groups()
				.byGroupId(id)
				.toGetRequestInformation(config -> config.queryParameters.select = SELECT));
			idByStep.put(step, id);
		}
		Map<String, Integer> statuses = new HashMap<>();
		Map<String, Group> groups = new HashMap<>();
		Map<String, Duration> retryAfter = new HashMap<>();
		BatchResponseContent response;
		try {
			response = connection.client().getBatchRequestBuilder().post(content, null);
		}
		catch (IOException e) {
			return new BatchAnswer(statuses, groups, retryAfter); // no answer: every id
																	// is retried
		}
		catch (RuntimeException e) {
			GraphAccessException translated = GraphErrors.translate(e, "re-reading groups by id");
			if (translated.kind() != GraphAccessException.Kind.TRANSIENT) {
				throw translated;
			}
			return new BatchAnswer(statuses, groups, retryAfter);
		}
		Map<String, Integer> byStep = response.getResponsesStatusCode();
		idByStep.forEach((step, id) -> {
			Integer status = byStep.get(step);
			if (status == null) {
				return;
			}
			statuses.put(id, status);
			if (status / 100 == 2) {
				groups.put(id, response.getResponseById(step, Group::createFromDiscriminatorValue));
			}
			else if (response.getResponseById(step) != null) {
				Duration wait = ThrottleGate.parseRetryAfter(response.getResponseById(step).header("Retry-After"));
				if (wait != null) {
					retryAfter.put(id, wait);
				}
			}
		});
		return new BatchAnswer(statuses, groups, retryAfter);
	}

	private void awaitGate() {
		try {
			connection.gate().awaitOpen();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GraphAccessException(GraphAccessException.Kind.TRANSIENT, "interrupted while re-reading groups");
		}
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	@Override
	public void close() {
		workers.shutdown();
	}

}
