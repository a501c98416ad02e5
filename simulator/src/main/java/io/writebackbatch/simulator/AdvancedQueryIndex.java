package io.writebackbatch.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The eventually consistent index behind Graph's advanced queries (requests with
 * {@code ConsistencyLevel: eventual}): it shows each group's writebackConfiguration as it
 * was {@code lag} ago (learn.microsoft.com/graph/aad-advanced-queries: "eventually
 * consistent"). Graph does not document the delay; the default here is a few seconds,
 * never zero.
 */
final class AdvancedQueryIndex {

	/** One write: the stored value before it, and when it happened. */
	private record Write(long atMillis, byte before) {
	}

	private final Map<Integer, Deque<Write>> recent = new ConcurrentHashMap<>();

	private volatile Duration lag;

	AdvancedQueryIndex(Duration lag) {
		this.lag = lag;
	}

	Duration lag() {
		return lag;
	}

	void lag(Duration lag) {
		this.lag = lag;
	}

	/**
	 * Remembers a write to slot {@code s}; {@code before} is the value the index keeps
	 * showing for {@link #lag}.
	 */
	void recordWrite(int s, byte before) {
		Deque<Write> writes = recent.computeIfAbsent(s, slot -> new ArrayDeque<>());
		synchronized (writes) {
			writes.addLast(new Write(System.currentTimeMillis(), before));
		}
	}

	/** What the index shows for slot {@code s}, whose stored value is {@code current}. */
	byte asIndexed(int s, byte current) {
		Deque<Write> writes = recent.get(s);
		if (writes == null) {
			return current;
		}
		long indexedUpTo = System.currentTimeMillis() - lag.toMillis();
		synchronized (writes) {
			while (!writes.isEmpty() && writes.peekFirst().atMillis() <= indexedUpTo) {
				writes.removeFirst(); // the index has caught up with this write
			}
			// the value before the oldest write the index has not seen yet
			return writes.isEmpty() ? current : writes.peekFirst().before();
		}
	}

}
