package io.writebackbatch.simulator;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What happens to an answer Graph has made on its way back ({@link FaultConfig}
 * {@code emptyAnswerRate}, {@code truncatedAnswerRate}): its body is lost, or cut short.
 * The status and headers stay, and the request was carried out (the unkind case).
 */
enum Mangling {

	NONE, EMPTY, TRUNCATED;

	static Mangling draw(FaultConfig f, ThreadLocalRandom rnd, Counters counters) {
		Mangling m = NONE;
		if (f.emptyAnswerRate() > 0 && rnd.nextDouble() < f.emptyAnswerRate()) {
			m = EMPTY;
		}
		else if (f.truncatedAnswerRate() > 0 && rnd.nextDouble() < f.truncatedAnswerRate()) {
			m = TRUNCATED;
		}
		if (m != NONE) {
			counters.count(Counters.Name.MANGLED_ANSWERS);
		}
		return m;
	}

	/** The body as it arrives: whole, empty, or cut somewhere strictly inside. */
	byte[] apply(byte[] body, ThreadLocalRandom rnd) {
		return switch (this) {
			case NONE -> body;
			case EMPTY -> new byte[0];
			case TRUNCATED -> (body.length < 2) ? new byte[0] : Arrays.copyOf(body, 1 + rnd.nextInt(body.length - 1));
		};
	}

}
