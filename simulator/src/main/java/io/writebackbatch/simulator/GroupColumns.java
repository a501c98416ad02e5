package io.writebackbatch.simulator;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groups' properties, column-wise in primitive arrays (ids as two longs, writeback
 * state packed in a byte, names derived from a number) so that a million groups take a
 * few tens of MB. A slot never moves, so a slot is read without the tenant's lock;
 * {@link TenantStore} writes under it.
 */
final class GroupColumns {

	static final byte UNIFIED = 0;

	static final byte SECURITY = 1;

	static final byte DISTRIBUTION = 2;

	static final byte F_DELETED = 1;

	static final byte F_SYNC = 2;

	static final byte F_PRIVATE = 4;

	private static final String DOMAIN = "contoso.onmicrosoft.com";

	private long[] hi;

	private long[] lo;

	private int[] nameNo;

	private int[] created;

	private int[] members;

	private byte[] kind;

	private byte[] flags;

	private byte[] wb;

	private final Map<Integer, String> customNames = new ConcurrentHashMap<>();

	GroupColumns(int capacity) {
		hi = new long[capacity];
		lo = new long[capacity];
		nameNo = new int[capacity];
		created = new int[capacity];
		members = new int[capacity];
		kind = new byte[capacity];
		flags = new byte[capacity];
		wb = new byte[capacity];
	}

	int capacity() {
		return hi.length;
	}

	void grow(int capacity) {
		hi = Arrays.copyOf(hi, capacity);
		lo = Arrays.copyOf(lo, capacity);
		nameNo = Arrays.copyOf(nameNo, capacity);
		created = Arrays.copyOf(created, capacity);
		members = Arrays.copyOf(members, capacity);
		kind = Arrays.copyOf(kind, capacity);
		flags = Arrays.copyOf(flags, capacity);
		wb = Arrays.copyOf(wb, capacity);
	}

	void set(int s, GroupRecord g) {
		hi[s] = g.key().hi();
		lo[s] = g.key().lo();
		nameNo[s] = g.nameNo();
		if (g.customName() != null) {
			customNames.put(s, g.customName());
		}
		created[s] = (int) g.createdEpoch();
		members[s] = g.members();
		kind[s] = g.kind();
		flags[s] = g.flags();
		wb[s] = g.writeback();
	}

	/** The slot as the tenant file keeps it. */
	GroupRecord record(int s) {
		return new GroupRecord(key(s), kind[s], nameNo[s], customNames.get(s), createdEpoch(s), members[s], flags[s],
				wb[s]);
	}

	void markDeleted(int s) {
		flags[s] |= F_DELETED;
	}

	void writeback(int s, byte packed) {
		wb[s] = packed;
	}

	boolean live(int s) {
		return (flags[s] & F_DELETED) == 0;
	}

	/** Compares the slot's id with {@code k}, as {@link GroupKey#compareTo} does. */
	int compare(int s, GroupKey k) {
		int c = Long.compareUnsigned(hi[s], k.hi());
		return (c != 0) ? c : Long.compareUnsigned(lo[s], k.lo());
	}

	String id(int s) {
		return new UUID(hi[s], lo[s]).toString();
	}

	GroupKey key(int s) {
		return new GroupKey(hi[s], lo[s]);
	}

	byte kind(int s) {
		return kind[s];
	}

	boolean unified(int s) {
		return kind[s] == UNIFIED;
	}

	boolean sync(int s) {
		return (flags[s] & F_SYNC) != 0;
	}

	boolean isPrivate(int s) {
		return (flags[s] & F_PRIVATE) != 0;
	}

	int members(int s) {
		return members[s];
	}

	long createdEpoch(int s) {
		return created[s] & 0xFFFFFFFFL;
	}

	byte writeback(int s) {
		return wb[s];
	}

	String displayName(int s) {
		String custom = customNames.get(s);
		return (custom != null) ? custom : GroupNames.displayName(kind[s], nameNo[s]);
	}

	/**
	 * A created group's nickname carries part of its id, as names people choose repeat.
	 */
	String mailNickname(int s) {
		String name = GroupNames.mailNickname(displayName(s));
		return customNames.containsKey(s) ? name + "-" + Long.toHexString(lo[s] & 0xFFFFF) : name;
	}

	String mail(int s) {
		return (kind[s] == SECURITY) ? null : mailNickname(s) + "@" + DOMAIN;
	}

}
