package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.graph.pacing.PacingTuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import com.microsoft.graph.beta.models.Group;
import org.jspecify.annotations.Nullable;
import io.writebackbatch.graph.gateway.BatchPoster;
import io.writebackbatch.graph.gateway.BatchReply;
import io.writebackbatch.graph.gateway.GraphAnswer;
import io.writebackbatch.graph.gateway.GraphGateway;
import io.writebackbatch.graph.gateway.Route;

/**
 * Reads groups by id through JSON {@code $batch} (20 GETs per request), one request at a
 * time: the one way the job re-reads known groups ({@link GroupBatchReader} runs several
 * at once; a listing page re-reads the groups whose answer left out the selected
 * {@code writebackConfiguration}). Sent and judged by the gateway's {@link BatchPoster},
 * the same code as the writes: a 404 means the group is gone; a 429, 5xx, lost or
 * unreadable answer (an HTML 502 envelope included), or an answer that left out
 * {@code writebackConfiguration}, is sent again for that step only under the one retry
 * policy; a 401 gets a new token or stops the run, a 403 stops it naming the permission.
 */
final class GroupsById {

	/** GETs in one {@code $batch} request (Graph's limit is 20). */
	static final int IDS_PER_REQUEST = PacingTuning.BATCH_SIZE;

	private final GraphGateway gateway;

	private final BatchPoster poster;

	/**
	 * {@code $batch} requests posted, retries included: the re-read's cost in requests.
	 */
	private final LongAdder requestsSent = new LongAdder();

	GroupsById(GraphGateway gateway) {
		this.gateway = gateway;
		this.poster = gateway.batches();
	}

	/** The {@code $batch} requests posted so far, retries included. */
	long requestsSent() {
		return requestsSent.sum();
	}

	/**
	 * Each id's current state; empty when Graph answers 404 (deleted). Each round posts
	 * the ids still unsettled, 20 to a {@code $batch}, one after another; the steps to
	 * send again wait once per round (not once per batch), under the retry policy.
	 */
	Map<String, Optional<GroupSnapshot>> read(List<String> ids) {
		Map<String, Optional<GroupSnapshot>> found = new HashMap<>();
		List<String> pending = new ArrayList<>(ids);
		for (int attempt = 1;; attempt++) {
			List<String> retry = new ArrayList<>();
			List<String> leftOut = new ArrayList<>();
			GraphAnswer unanswered = null;
			for (int from = 0; from < pending.size(); from += IDS_PER_REQUEST) {
				List<String> batch = pending.subList(from, Math.min(from + IDS_PER_REQUEST, pending.size()));
				awaitGate();
				requestsSent.increment();
				BatchReply reply = poster.post(Route.BATCH_READ, poster.readGroups(batch));
				for (String id : batch) {
					GraphAnswer answer = reply.steps().get(id);
					GraphAnswer judged = answer == null ? GraphAnswer.none("the batch answer left this step out")
							: settle(id, answer, reply, found, leftOut);
					if (judged != null) {
						retry.add(id);
						unanswered = unanswered == null || longer(judged, unanswered) ? judged : unanswered;
					}
				}
			}
			if (retry.isEmpty()) {
				return found;
			}
			GraphAnswer last = Objects.requireNonNull(unanswered, "a step to retry has its answer");
			Duration wait = gateway.retries().waitAfter(last, attempt);
			if (attempt >= gateway.retries().maxAttempts() && leftOut.size() == retry.size()) {
				throw new GraphAccessException(FailureKind.TRANSIENT, "Graph kept leaving out the selected "
						+ "writebackConfiguration of " + retry.size() + " groups re-read by id (" + attempt
						+ " attempts): their writeback is unknown, and nothing is judged on a guess; run 'resume' later");
			}
			if (attempt >= gateway.retries().maxAttempts()) {
				throw new GraphAccessException(FailureKind.TRANSIENT,
						"Graph stayed unavailable or throttled while re-reading " + retry.size() + " groups by id ("
								+ attempt + " attempts, the last " + last.describe() + last.throttling().describe()
								+ "); run 'resume' later");
			}
			gateway.retries().logRetry("re-reading " + retry.size() + " groups by id", attempt, last, wait);
			pending = retry;
			if (last.retryAfter() != null) {
				gateway.gate().block(wait); // Graph asked everyone to wait
			}
			else {
				sleep(wait);
			}
		}
	}

	/**
	 * Records a settled step in {@code found}; returns the answer when the step must be
	 * sent again (its id also in {@code leftOut} when the answer left out the
	 * writebackConfiguration), else null. Stops the run on a refused token or permission.
	 */
	private static @Nullable GraphAnswer settle(String id, GraphAnswer answer, BatchReply reply,
			Map<String, Optional<GroupSnapshot>> found, List<String> leftOut) {
		switch (answer.verdict()) {
			case CONFIRMED -> {
				Group group = GraphGateway.parse(reply.bodies().get(id), Group::createFromDiscriminatorValue);
				if (group == null || group.getId() == null) {
					return GraphAnswer.none("the step's answer was not a group (HTTP " + answer.status() + ")");
				}
				if (!ListedGroups.answersWhatWasSelected(group)) {
					leftOut.add(id);
					return GraphAnswer.none("the step's answer left out the group's writebackConfiguration (HTTP "
							+ answer.status() + ")");
				}
				found.put(id, Optional.of(ListedGroups.toSnapshot(group)));
				return null;
			}
			case GONE -> {
				found.put(id, Optional.empty());
				return null;
			}
			case NO_ANSWER -> {
				return answer;
			}
			case TOKEN_REFUSED -> throw GraphGateway.refusedAfterRenewal(Route.BATCH_READ.doing(), answer);
			case DENIED -> throw GraphGateway.denied(Route.BATCH_READ, "re-reading group " + id, answer);
			default -> throw new GraphAccessException(FailureKind.INVALID_INPUT,
					"Graph refused re-reading group " + id + " (" + answer.describe() + ")");
		}
	}

	private static boolean longer(GraphAnswer a, GraphAnswer b) {
		return a.retryAfter() != null && (b.retryAfter() == null || a.retryAfter().compareTo(b.retryAfter()) > 0);
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GraphAccessException(FailureKind.TRANSIENT, "interrupted while re-reading groups");
		}
	}

	private void awaitGate() {
		try {
			gateway.gate().awaitOpen();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GraphAccessException(FailureKind.TRANSIENT, "interrupted while re-reading groups");
		}
	}

}
