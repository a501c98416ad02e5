package io.writebackbatch.simulator;

/**
 * How {@code $batch} answers go wrong, and where the throttling gauge appears in them.
 * Rates are per envelope ({@code envelopeRate}, {@code unansweredRate},
 * {@code unknownStepRate}) or per step (the others). Steps whose answer is lost,
 * duplicated or garbled were carried out first: the change is made, only its answer is
 * wrong.
 *
 * @param gauge where {@code x-ms-throttle-limit-percentage} appears in batch answers
 * @param envelopeRate rate of envelopes answered as a whole with {@code envelopeStatus},
 * nothing carried out
 * @param envelopeStatus 401, 403, 429, 503 or any other status, with Graph's JSON error
 * body (502 and 504 with a gateway's HTML page)
 * @param envelopeRetryAfter the envelope's {@code Retry-After} value (verbatim; null =
 * none)
 * @param nullErrorRate steps answered 500 with {@code "error": null}
 * (msgraph-sdk-java#2386)
 * @param malformedStepRate steps answered without a status, with a non-numeric status, or
 * with a non-JSON body
 * @param missingStepRate steps left out of the answer
 * @param duplicateStepRate steps answered twice (the copy says 429)
 * @param unknownStepRate envelopes whose answer holds an extra step with an id that was
 * never sent
 * @param unansweredRate envelopes that are carried out and never answered (the connection
 * stays open)
 * @param gatewayRate envelopes answered by a gateway's HTML 502 (nothing carried out) or
 * 504 (carried out), as {@link FaultConfig#gatewayErrorRate()} does for every request
 */
public record BatchFaults(Gauge gauge, double envelopeRate, int envelopeStatus, String envelopeRetryAfter,
		double nullErrorRate, double malformedStepRate, double missingStepRate, double duplicateStepRate,
		double unknownStepRate, double unansweredRate, double gatewayRate) {

	/**
	 * Where the gauge goes. Graph documents it on responses, not whether {@code $batch}
	 * steps carry it.
	 */
	public enum Gauge {

		/** On every step and on the envelope (the highest of its steps). */
		STEPS,
		/** Only on the envelope (the highest of its steps). */
		ENVELOPE,
		/** Never in a batch answer. */
		NONE

	}

	public BatchFaults {
		gauge = gauge == null ? Gauge.NONE : gauge;
	}

	/**
	 * Nothing goes wrong; no gauge in batch answers (its presence there is undocumented).
	 */
	public static BatchFaults none() {
		return new BatchFaults(Gauge.NONE, 0, 0, null, 0, 0, 0, 0, 0, 0, 0);
	}

	public BatchFaults gauge(Gauge where) {
		return toBuilder().gauge(where).build();
	}

	public BatchFaults envelope(double rate, int status, String retryAfter) {
		return toBuilder().envelopeRate(rate).envelopeStatus(status).envelopeRetryAfter(retryAfter).build();
	}

	public BatchFaults nullErrorRate(double rate) {
		return toBuilder().nullErrorRate(rate).build();
	}

	public BatchFaults malformedStepRate(double rate) {
		return toBuilder().malformedStepRate(rate).build();
	}

	public BatchFaults missingStepRate(double rate) {
		return toBuilder().missingStepRate(rate).build();
	}

	public BatchFaults duplicateStepRate(double rate) {
		return toBuilder().duplicateStepRate(rate).build();
	}

	public BatchFaults unknownStepRate(double rate) {
		return toBuilder().unknownStepRate(rate).build();
	}

	public BatchFaults unansweredRate(double rate) {
		return toBuilder().unansweredRate(rate).build();
	}

	public BatchFaults gatewayRate(double rate) {
		return toBuilder().gatewayRate(rate).build();
	}

	/** A copy to change: {@code faults.toBuilder().missingStepRate(0.1).build()}. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some values of a {@link BatchFaults}; the others stay. */
	public static final class Builder {

		private Gauge gauge;

		private double envelopeRate;

		private int envelopeStatus;

		private String envelopeRetryAfter;

		private double nullErrorRate;

		private double malformedStepRate;

		private double missingStepRate;

		private double duplicateStepRate;

		private double unknownStepRate;

		private double unansweredRate;

		private double gatewayRate;

		private Builder(BatchFaults from) {
			this.gauge = from.gauge;
			this.envelopeRate = from.envelopeRate;
			this.envelopeStatus = from.envelopeStatus;
			this.envelopeRetryAfter = from.envelopeRetryAfter;
			this.nullErrorRate = from.nullErrorRate;
			this.malformedStepRate = from.malformedStepRate;
			this.missingStepRate = from.missingStepRate;
			this.duplicateStepRate = from.duplicateStepRate;
			this.unknownStepRate = from.unknownStepRate;
			this.unansweredRate = from.unansweredRate;
			this.gatewayRate = from.gatewayRate;
		}

		public Builder gauge(Gauge gauge) {
			this.gauge = gauge;
			return this;
		}

		public Builder envelopeRate(double envelopeRate) {
			this.envelopeRate = envelopeRate;
			return this;
		}

		public Builder envelopeStatus(int envelopeStatus) {
			this.envelopeStatus = envelopeStatus;
			return this;
		}

		public Builder envelopeRetryAfter(String envelopeRetryAfter) {
			this.envelopeRetryAfter = envelopeRetryAfter;
			return this;
		}

		public Builder nullErrorRate(double nullErrorRate) {
			this.nullErrorRate = nullErrorRate;
			return this;
		}

		public Builder malformedStepRate(double malformedStepRate) {
			this.malformedStepRate = malformedStepRate;
			return this;
		}

		public Builder missingStepRate(double missingStepRate) {
			this.missingStepRate = missingStepRate;
			return this;
		}

		public Builder duplicateStepRate(double duplicateStepRate) {
			this.duplicateStepRate = duplicateStepRate;
			return this;
		}

		public Builder unknownStepRate(double unknownStepRate) {
			this.unknownStepRate = unknownStepRate;
			return this;
		}

		public Builder unansweredRate(double unansweredRate) {
			this.unansweredRate = unansweredRate;
			return this;
		}

		public Builder gatewayRate(double gatewayRate) {
			this.gatewayRate = gatewayRate;
			return this;
		}

		public BatchFaults build() {
			return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate,
					malformedStepRate, missingStepRate, duplicateStepRate, unknownStepRate, unansweredRate,
					gatewayRate);
		}

	}
}
