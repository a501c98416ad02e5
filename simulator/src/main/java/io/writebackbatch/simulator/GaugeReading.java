package io.writebackbatch.simulator;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What {@code x-ms-throttle-limit-percentage} reads. Graph documents the gauge loosely:
 * sent only above 0.8 of a limit, 0.8-1.8 ("1.2 indicates 20 % of the incoming requests
 * are throttled"), which limit unstated. A client must meet its targets whichever way it
 * reads; where the gauge appears in {@code $batch} answers is {@link BatchFaults.Gauge}.
 */
public enum GaugeReading {

	/** The share of the fullest budget used, above 0.8 (at most 1.0 for writes). */
	USAGE,

	/**
	 * As Graph's throttling page describes it: the share used above 0.8, and once
	 * requests are refused 1 + the share of the last second's requests refused, at most
	 * 1.8.
	 */
	GRAPH_RANGE,

	/**
	 * 0.80-0.99 on every answer whatever the budgets hold, empty included: a gauge of
	 * another limit, or a wrong one.
	 */
	BELOW_ONE_WHILE_EMPTY;

	/**
	 * The reading to send, NaN for none.
	 * @param used the share of the fullest budget used
	 * @param refusedShare the share of the last second's requests refused
	 */
	double reading(double used, double refusedShare) {
		return switch (this) {
			case USAGE -> used > 0.8 ? Math.min(used, 1.8) : Double.NaN;
			case GRAPH_RANGE ->
				refusedShare > 0 ? Math.min(1.8, 1 + refusedShare) : used > 0.8 ? Math.min(used, 1.0) : Double.NaN;
			case BELOW_ONE_WHILE_EMPTY -> 0.8 + 0.19 * ThreadLocalRandom.current().nextDouble();
		};
	}

}
