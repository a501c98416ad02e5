package io.writebackbatch.simulator;

import java.time.Duration;

/**
 * Injected faults; all off by default. Rates are probabilities in [0, 1] per request (per
 * sub-request inside a {@code $batch} for errors, throttling, deletions and creations;
 * per HTTP exchange for latency and resets).
 *
 * @param latency fixed latency added to every HTTP exchange (one per {@code $batch}
 * envelope)
 * @param jitter uniformly random extra latency in [0, jitter]
 * @param errorRate rate of injected 503/504 answers
 * @param resetRate rate of connections closed without any response
 * @param randomThrottleRate rate of 429s below the budgets ("service under load")
 * @param deleteRate rate at which, per request, a random unified group is deleted "by
 * someone else"
 * @param createRate rate at which, per request, a new unified group is created "by
 * someone else"
 * @param gatewayErrorRate rate of HTTP exchanges (a {@code $batch} envelope is one)
 * answered by a gateway in front of Graph with 502 or 504 and an HTML page: a 502 before
 * Graph saw the request, a 504 after Graph carried it out (the answer is lost, the change
 * is made)
 * @param emptyAnswerRate rate of HTTP exchanges (envelopes included) that Graph carried
 * out and whose answer arrives with its status and headers but an empty body
 * @param truncatedAnswerRate rate of HTTP exchanges (envelopes included) that Graph
 * carried out and whose answer body is cut short (its Content-Length says the cut length,
 * so only the JSON is broken)
 * @param omittedWritebackRate rate, per group object in an answer (listings, the
 * created-since listing, {@code GET /groups/{id}}, {@code $batch} GET steps), at which
 * its {@code writebackConfiguration} is left out although it was selected (a proxy or a
 * partial answer; Graph's docs are silent on it, so the unkind reading is that it can)
 */
public record FaultConfig(Duration latency, Duration jitter, double errorRate, double resetRate,
		double randomThrottleRate, double deleteRate, double createRate, double gatewayErrorRate,
		double emptyAnswerRate, double truncatedAnswerRate, double omittedWritebackRate) {

	public FaultConfig {
		latency = latency == null ? Duration.ZERO : latency;
		jitter = jitter == null ? Duration.ZERO : jitter;
		if (latency.isNegative() || jitter.isNegative()) {
			throw new IllegalArgumentException("latency and jitter must be 0 or more, were " + latency.toMillis()
					+ " and " + jitter.toMillis() + " ms");
		}
		requireRate("errorRate", errorRate);
		requireRate("resetRate", resetRate);
		requireRate("randomThrottleRate", randomThrottleRate);
		requireRate("deleteRate", deleteRate);
		requireRate("createRate", createRate);
		requireRate("gatewayErrorRate", gatewayErrorRate);
		requireRate("emptyAnswerRate", emptyAnswerRate);
		requireRate("truncatedAnswerRate", truncatedAnswerRate);
		requireRate("omittedWritebackRate", omittedWritebackRate);
	}

	/**
	 * A rate is a probability: outside [0, 1] (or NaN) it would silently mean "never" or
	 * "always", at start-up as live.
	 */
	private static void requireRate(String name, double rate) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException(name + " must be in [0,1], was " + rate);
		}
	}

	public static FaultConfig none() {
		return new FaultConfig(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}

	public FaultConfig latency(Duration fixed, Duration jitterMax) {
		return toBuilder().latency(fixed).jitter(jitterMax).build();
	}

	public FaultConfig errorRate(double rate) {
		return toBuilder().errorRate(rate).build();
	}

	public FaultConfig resetRate(double rate) {
		return toBuilder().resetRate(rate).build();
	}

	public FaultConfig randomThrottleRate(double rate) {
		return toBuilder().randomThrottleRate(rate).build();
	}

	public FaultConfig deleteRate(double rate) {
		return toBuilder().deleteRate(rate).build();
	}

	public FaultConfig createRate(double rate) {
		return toBuilder().createRate(rate).build();
	}

	public FaultConfig gatewayErrorRate(double rate) {
		return toBuilder().gatewayErrorRate(rate).build();
	}

	public FaultConfig emptyAnswerRate(double rate) {
		return toBuilder().emptyAnswerRate(rate).build();
	}

	public FaultConfig truncatedAnswerRate(double rate) {
		return toBuilder().truncatedAnswerRate(rate).build();
	}

	public FaultConfig omittedWritebackRate(double rate) {
		return toBuilder().omittedWritebackRate(rate).build();
	}

	/**
	 * A copy to change:
	 * {@code faults.toBuilder().errorRate(0.1).resetRate(0.01).build()}.
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some values of a {@link FaultConfig}; the others stay. */
	public static final class Builder {

		private Duration latency;

		private Duration jitter;

		private double errorRate;

		private double resetRate;

		private double randomThrottleRate;

		private double deleteRate;

		private double createRate;

		private double gatewayErrorRate;

		private double emptyAnswerRate;

		private double truncatedAnswerRate;

		private double omittedWritebackRate;

		private Builder(FaultConfig from) {
			this.latency = from.latency;
			this.jitter = from.jitter;
			this.errorRate = from.errorRate;
			this.resetRate = from.resetRate;
			this.randomThrottleRate = from.randomThrottleRate;
			this.deleteRate = from.deleteRate;
			this.createRate = from.createRate;
			this.gatewayErrorRate = from.gatewayErrorRate;
			this.emptyAnswerRate = from.emptyAnswerRate;
			this.truncatedAnswerRate = from.truncatedAnswerRate;
			this.omittedWritebackRate = from.omittedWritebackRate;
		}

		public Builder latency(Duration latency) {
			this.latency = latency;
			return this;
		}

		public Builder jitter(Duration jitter) {
			this.jitter = jitter;
			return this;
		}

		public Builder errorRate(double errorRate) {
			this.errorRate = errorRate;
			return this;
		}

		public Builder resetRate(double resetRate) {
			this.resetRate = resetRate;
			return this;
		}

		public Builder randomThrottleRate(double randomThrottleRate) {
			this.randomThrottleRate = randomThrottleRate;
			return this;
		}

		public Builder deleteRate(double deleteRate) {
			this.deleteRate = deleteRate;
			return this;
		}

		public Builder createRate(double createRate) {
			this.createRate = createRate;
			return this;
		}

		public Builder gatewayErrorRate(double gatewayErrorRate) {
			this.gatewayErrorRate = gatewayErrorRate;
			return this;
		}

		public Builder emptyAnswerRate(double emptyAnswerRate) {
			this.emptyAnswerRate = emptyAnswerRate;
			return this;
		}

		public Builder truncatedAnswerRate(double truncatedAnswerRate) {
			this.truncatedAnswerRate = truncatedAnswerRate;
			return this;
		}

		public Builder omittedWritebackRate(double omittedWritebackRate) {
			this.omittedWritebackRate = omittedWritebackRate;
			return this;
		}

		public FaultConfig build() {
			return new FaultConfig(latency, jitter, errorRate, resetRate, randomThrottleRate, deleteRate, createRate,
					gatewayErrorRate, emptyAnswerRate, truncatedAnswerRate, omittedWritebackRate);
		}

	}
}
