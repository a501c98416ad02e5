package io.writebackbatch.simulator;

/**
 * One group as the store keeps it: what generation produces, the tenant file holds and a
 * created group starts as. A generated group's name is derived from its kind and
 * {@code nameNo} (see {@link GroupNames}); a created group has a {@code customName} and
 * {@code nameNo} -1.
 */
record GroupRecord(GroupKey key, byte kind, int nameNo, String customName, long createdEpoch, int members, byte flags,
		byte writeback) {
}
