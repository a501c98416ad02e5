package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.GroupSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Re-reads groups by id through JSON {@code $batch} (20 GETs per batch, several batches
 * in flight): the current state of a known set of groups without listing the tenant. Each
 * batch is read and judged by {@link GroupsById}.
 */
public final class GroupBatchReader implements AutoCloseable {

	/** GETs in one {@code $batch} request (Graph's limit is 20). */
	public static final int IDS_PER_REQUEST = GroupsById.IDS_PER_REQUEST;

	private final GroupsById byId;

	private final ExecutorService workers;

	public GroupBatchReader(GraphConnection connection) {
		this.byId = new GroupsById(connection.gateway());
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
		for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
			List<String> batch = ids.subList(from, Math.min(from + IDS_PER_REQUEST, ids.size()));
			batches.add(CompletableFuture.supplyAsync(() -> byId.read(batch), workers));
		}
		Map<String, Optional<GroupSnapshot>> found = new LinkedHashMap<>();
		try {
			batches.forEach(batch -> found.putAll(batch.join()));
		}
		catch (CompletionException e) {
			Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
			throw cause instanceof RuntimeException runtime ? runtime
					: new GraphAccessException(FailureKind.TRANSIENT, cause.toString(), cause);
		}
		return found;
	}

	/** The {@code $batch} requests this reader posted so far, retries included. */
	public long requestsSent() {
		return byId.requestsSent();
	}

	@Override
	public void close() {
		workers.shutdown();
	}

}
