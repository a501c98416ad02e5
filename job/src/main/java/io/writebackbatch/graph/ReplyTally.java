package io.writebackbatch.graph;

import io.writebackbatch.graph.gateway.BatchReply;
import io.writebackbatch.graph.gateway.GraphAnswer;

/**
 * What the write pacer learns from one {@code $batch} answer.
 *
 * @param charged writes Graph counted against the budget
 * @param throttled writes answered 429
 * @param level the highest throttle gauge reading in the answer (NaN: none)
 */
public record ReplyTally(int charged, int throttled, double level) {

	public static ReplyTally of(BatchReply reply) {
		int charged = 0;
		int throttled = 0;
		double level = reply.envelope().limitPercentage();
		for (GraphAnswer answer : reply.steps().values()) {
			if (!Double.isNaN(answer.limitPercentage()) && !(answer.limitPercentage() <= level)) {
				level = answer.limitPercentage();
			}
			charged += answer.charged() ? 1 : 0;
			throttled += answer.throttled() ? 1 : 0;
		}
		return new ReplyTally(charged, throttled, level);
	}

}
