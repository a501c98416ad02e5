package io.writebackbatch.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The eventually consistent index behind Graph's advanced queries (requests with
 * {@code ConsistencyLevel: eventual}): it shows each group's writebackConfiguration as it
 * was {@code lag} ago (learn.microsoft.com/graph/aad-advanced-queries: "eventually
 * consistent"). Graph does not document the delay; the default here is a few seconds,
 * never zero. Plain reads may lag too ({@link GraphModes#readLag()}: "replication delays
 * for objects that were recently created, updated, or deleted"); they are answered from
 * the same history of writes with their own delay.
 */
final class AdvancedQueryIndex {

	/** One write: the stored value before it, and when it happened. */
	private record Write(long atMillis, byte before) {
	}

	private final Map<Integer, Deque<Write>> recent = new ConcurrentHashMap<>();

	private volatile Duration lag;

	private final Supplier<Duration> readLag;

	AdvancedQueryIndex(Duration lag, Supplier<Duration> readLag) {
		this.lag = lag;
		this.readLag = readLag;
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
		return asOf(s, current, lag);
	}

	/**
	 * What a plain read shows for slot {@code s}, whose stored value is {@code current}.
	 */
	byte asRead(int s, byte current) {
		return asOf(s, current, readLag.get());
	}

	private byte asOf(int s, byte current, Duration delay) {
		Deque<Write> writes = recent.get(s);
		if (writes == null) {
			return current;
		}
		long now = System.currentTimeMillis();
		long everyoneUpTo = now - Math.max(lag.toMillis(), readLag.get().toMillis());
		long seenUpTo = now - delay.toMillis();
		synchronized (writes) {
			while (!writes.isEmpty() && writes.peekFirst().atMillis() <= everyoneUpTo) {
				writes.removeFirst(); // every reader has caught up with this write
			}
			// the value before the oldest write this reader has not seen yet
			for (Write w : writes) {
				if (w.atMillis() > seenUpTo) {
					return w.before();
				}
			}
			return current;
		}
	}

}
