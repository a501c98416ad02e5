package io.writebackbatch.simulator;

import java.util.UUID;

/** A group id as two longs, ordered like the GUID strings (unsigned). */
record GroupKey(long hi, long lo) implements Comparable<GroupKey> {

	@Override
	public int compareTo(GroupKey o) {
		int c = Long.compareUnsigned(hi, o.hi);
		return (c != 0) ? c : Long.compareUnsigned(lo, o.lo);
	}

	static GroupKey parse(String id) {
		UUID u = UUID.fromString(id);
		return new GroupKey(u.getMostSignificantBits(), u.getLeastSignificantBits());
	}

	@Override
	public String toString() {
		return new UUID(hi, lo).toString();
	}

}
