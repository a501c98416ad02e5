package io.writebackbatch.simulator;

/**
 * Every unkind behaviour the simulator knows, one constant each, with the
 * {@code POST /_sim/faults} body that selects it at a dose a small tenant meets in a
 * short run: a run of a few dozen requests meets each several times, and a client that
 * retries as Graph asks gets through. A test of the job that loops over {@link #values()}
 * (the matrix) meets a new behaviour as soon as it is added here; {@code UnkindnessTests}
 * fails when a fault key of {@code /_sim/faults} has no constant. Sources:
 * docs/design/simulator-faults.md.
 */
public enum Unkindness {

	/** A gateway's HTML 502 (before Graph) or 504 (after Graph) on any request. */
	GATEWAY_HTML("{\"gatewayErrorRate\":0.3}"),
	/** Answers Graph made arrive with their status and an empty body. */
	EMPTY_ANSWERS("{\"emptyAnswerRate\":0.3}"),
	/** Answers Graph made arrive cut short. */
	TRUNCATED_ANSWERS("{\"truncatedAnswerRate\":0.3}"),
	/**
	 * Group objects whose selected {@code writebackConfiguration} is left out (listings,
	 * re-reads, batch steps). Per object, so a page of n groups is whole at 0.9^n: low
	 * enough that a page of a few groups comes whole within the job's retries.
	 */
	SELECTED_PROPERTY_LEFT_OUT("{\"omittedWritebackRate\":0.1}"),
	/** Graph's own 503/504 with a JSON body, per request and per batch step. */
	SERVER_ERRORS("{\"errorRate\":0.3}"),
	/** Connections closed without an answer. */
	CONNECTION_RESETS("{\"resetRate\":0.2}"),
	/**
	 * 429s below the budgets ("the service is under an important load"); a batch with
	 * throttled steps answers 424 with every step's answer inside, as by default.
	 */
	THROTTLED_BELOW_LIMITS("{\"randomThrottleRate\":0.3}"),
	/**
	 * Another app of the tenant spends the tenant-wide write bucket, leaving ours 10
	 * writes/s.
	 */
	OTHER_APP_WRITES("{\"throttling\":\"large\",\"otherAppWritesPerSecond\":50}"),
	/** Plain reads show the state before a write for 3 s. */
	READ_LAG("{\"readLagMs\":3000}"),
	/** The app has Group.ReadWrite.All but no settings permission. */
	NO_SETTINGS_PERMISSION("{\"grants\":\"Group.Read.All,Group.ReadWrite.All\"}"),
	/** Role-assignable groups, which need RoleManagement.ReadWrite.Directory. */
	ROLE_ASSIGNABLE_GROUPS("{\"roleAssignableGroups\":3}"),
	/** The createdDateTime filter is refused with 400. */
	CREATED_SINCE_REFUSED("{\"createdSinceRefused\":true}"),
	/** Page tokens expire at once. */
	EXPIRED_PAGE_TOKENS("{\"skipTokenTtlSeconds\":0.001}"),
	/** Someone else deletes groups while the job runs. */
	GROUPS_DELETED_BY_OTHERS("{\"deleteRate\":0.05}"),
	/** Someone else creates groups while the job runs. */
	GROUPS_CREATED_BY_OTHERS("{\"createRate\":0.1}"),
	/** Batch envelopes refused as a whole with 503 and a Retry-After. */
	BATCH_ENVELOPE_REFUSED("{\"envelopeRate\":0.3,\"envelopeStatus\":503,\"envelopeRetryAfter\":\"1\"}"),
	/** Batch steps answered 500 with {@code "error": null}. */
	BATCH_NULL_ERRORS("{\"nullErrorRate\":0.2}"),
	/** Batch steps without a status, with a non-numeric status or a non-JSON body. */
	BATCH_MALFORMED_STEPS("{\"malformedStepRate\":0.2}"),
	/** Batch steps left out of the answer. */
	BATCH_MISSING_STEPS("{\"missingStepRate\":0.2}"),
	/** Batch steps answered twice, the copy saying 429. */
	BATCH_DUPLICATE_STEPS("{\"duplicateStepRate\":0.2}"),
	/** An extra batch answer for an id never sent. */
	BATCH_UNKNOWN_STEPS("{\"unknownStepRate\":0.5}"),
	/** Batch envelopes carried out and never answered. */
	BATCH_UNANSWERED("{\"unansweredRate\":0.2}"),
	/** The gateway's HTML 502/504 on batch envelopes only. */
	BATCH_GATEWAY("{\"batchGatewayRate\":0.3}");

	private final String selector;

	Unkindness(String selector) {
		this.selector = selector;
	}

	/** The {@code POST /_sim/faults} body that selects it (over the current settings). */
	public String selector() {
		return selector;
	}

	/** Selects it on a running simulator, as {@code POST /_sim/faults} does. */
	public void select(GraphSimulator sim) {
		AdminFaults.apply(sim, Json.MAPPER.readTree(selector));
	}

}
