package io.writebackbatch.simulator;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The simulated directory's groups, changed under the tenant's one lock
 * ({@link TenantLock}); their properties are in {@link GroupColumns}. Slots
 * {@code [0, baseSize)} are sorted by id (unsigned, i.e. the order of the GUID strings);
 * groups created later are indexed by a skip list. Listing pages merge both, so paging by
 * id is stable while groups are created or deleted.
 */
final class TenantStore {

	private final TenantLock lock;

	private final GroupColumns groups;

	private final ConcurrentSkipListMap<GroupKey, Integer> createdLater = new ConcurrentSkipListMap<>();

	private final SplittableRandom random;

	private int size;

	private int baseSize;

	private int liveUnified;

	/**
	 * An empty store for {@code capacity} groups; {@link #appendSorted} fills it in id
	 * order.
	 */
	TenantStore(TenantLock lock, int capacity, long seed) {
		this.lock = lock;
		this.groups = new GroupColumns(capacity);
		this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
	}

	/** The groups' properties by slot. */
	GroupColumns groups() {
		return groups;
	}

	/**
	 * Loading: adds a group after all others (ids ascending); only before the first
	 * {@link #create}.
	 */
	void appendSorted(GroupRecord g) {
		int s = size++;
		baseSize = size;
		groups.set(s, g);
		if (g.kind() == GroupColumns.UNIFIED && groups.live(s)) {
			liveUnified++;
		}
	}

	/** The live group's slot, or -1 (also for an id that is not a GUID). */
	int slotOf(String id) {
		try {
			return slotOf(GroupKey.parse(id));
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
	}

	int slotOf(GroupKey k) {
		return lock.read(() -> {
			int s = firstBaseSlotAfter(k, false);
			if (s < baseSize && groups.compare(s, k) == 0) {
				return groups.live(s) ? s : -1;
			}
			Integer later = createdLater.get(k);
			return (later == null || !groups.live(later)) ? -1 : later;
		});
	}

	/**
	 * The first base slot whose id is after {@code k} (or equal to it, unless
	 * {@code strictly}).
	 */
	private int firstBaseSlotAfter(GroupKey k, boolean strictly) {
		int a = 0;
		int b = baseSize;
		while (a < b) {
			int m = (a + b) >>> 1;
			int c = groups.compare(m, k);
			if (c < 0 || (strictly && c == 0)) {
				a = m + 1;
			}
			else {
				b = m;
			}
		}
		return a;
	}

	/**
	 * Up to {@code limit} live slots with id &gt; {@code after} (null = from the start),
	 * in id order.
	 */
	int[] page(GroupKey after, int limit, boolean unifiedOnly) {
		return page(after, limit, unifiedOnly, -1);
	}

	/**
	 * As {@link #page(GroupKey, int, boolean)}, only groups created at or after
	 * {@code minCreatedEpoch} (-1: any).
	 */
	int[] page(GroupKey after, int limit, boolean unifiedOnly, long minCreatedEpoch) {
		return lock.read(() -> {
			int[] out = new int[limit];
			int n = 0;
			int i = (after != null) ? firstBaseSlotAfter(after, true) : 0;
			Iterator<Integer> later = ((after != null) ? createdLater.tailMap(after, false) : createdLater).values()
				.iterator();
			Integer nextLater = later.hasNext() ? later.next() : null;
			while (n < limit) {
				int slot;
				if (i < baseSize && (nextLater == null || groups.compare(i, groups.key(nextLater)) < 0)) {
					slot = i++;
				}
				else if (nextLater != null) {
					slot = nextLater;
					nextLater = later.hasNext() ? later.next() : null;
				}
				else {
					break;
				}
				if (groups.live(slot) && (!unifiedOnly || groups.unified(slot))
						&& groups.createdEpoch(slot) >= minCreatedEpoch) {
					out[n++] = slot;
				}
			}
			return (n == limit) ? out : Arrays.copyOf(out, n);
		});
	}

	/** Every live slot, in slot order, under the lock (for saving). */
	void forEachLive(IntConsumer action) {
		lock.read(() -> {
			IntStream.range(0, size).filter(groups::live).forEach(action);
			return null;
		});
	}

	int liveUnifiedCount() {
		return liveUnified;
	}

	/** Live unified groups created at or after {@code minCreatedEpoch}. */
	int liveUnifiedCreatedSince(long minCreatedEpoch) {
		return countLive((s) -> groups.unified(s) && groups.createdEpoch(s) >= minCreatedEpoch);
	}

	int liveCount() {
		return countLive((s) -> true);
	}

	private int countLive(IntPredicate counted) {
		return lock.read(() -> (int) IntStream.range(0, size).filter((s) -> groups.live(s) && counted.test(s)).count());
	}

	/** A random live unified slot, or -1. */
	int randomLiveUnified() {
		return lock.read(() -> {
			for (int attempt = 0; liveUnified > 0 && attempt < 1000; attempt++) {
				int s = ThreadLocalRandom.current().nextInt(size);
				if (groups.unified(s) && groups.live(s)) {
					return s;
				}
			}
			return -1;
		});
	}

	/**
	 * Changes a slot's writeback state and, still under the lock (so the audit log keeps
	 * the order of the changes), tells {@code changed} the state before and after.
	 */
	void updateWriteback(int s, UnaryOperator<Byte> change, BiConsumer<Byte, Byte> changed) {
		lock.write(() -> {
			byte before = groups.writeback(s);
			byte after = change.apply(before);
			groups.writeback(s, after);
			changed.accept(before, after);
			return null;
		});
	}

	/** A new group, as someone creates it in the portal; returns its slot. */
	int create(String displayName, byte kind, Boolean isEnabled) {
		return lock.write(() -> {
			if (size == groups.capacity()) {
				groups.grow(groups.capacity() + Math.max(1024, groups.capacity() / 8));
			}
			GroupKey key = new GroupKey(random.nextLong() & ~0xF000L | 0x4000L,
					random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
			int s = size++;
			groups.set(s, new GroupRecord(key, kind, -1, displayName, Instant.now().getEpochSecond(), 1, (byte) 0,
					PackedWriteback.pack(isEnabled, 0)));
			createdLater.put(key, s);
			if (kind == GroupColumns.UNIFIED) {
				liveUnified++;
			}
			return s;
		});
	}

	/** False if the group was already deleted. */
	boolean delete(int s) {
		return lock.write(() -> {
			if (!groups.live(s)) {
				return false;
			}
			groups.markDeleted(s);
			if (groups.unified(s)) {
				liveUnified--;
			}
			return true;
		});
	}

}
