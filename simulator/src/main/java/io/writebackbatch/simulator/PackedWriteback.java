package io.writebackbatch.simulator;

/**
 * A group's {@code writebackConfiguration} packed in a byte, so a million groups stay
 * small: bits 0-1 are {@code isEnabled} (0 null, 1 true, 2 false), bits 2-3 the index of
 * {@code onPremisesGroupType} (0 null).
 */
final class PackedWriteback {

	private static final String[] TYPES = { null, "universalDistributionGroup", "universalSecurityGroup",
			"universalMailEnabledSecurityGroup" };

	private PackedWriteback() {
	}

	static byte pack(Boolean enabled, int type) {
		int e = (enabled == null) ? 0 : enabled ? 1 : 2;
		return (byte) (e | type << 2);
	}

	static Boolean enabledOf(byte packed) {
		int e = packed & 3;
		return (e == 0) ? null : e == 1;
	}

	static String typeOf(byte packed) {
		return TYPES[typeIndexOf(packed)];
	}

	static int typeIndexOf(byte packed) {
		return (packed >> 2) & 3;
	}

	/** 1-3 for a known {@code onPremisesGroupType}, -1 otherwise. */
	static int typeIndex(String type) {
		for (int i = 1; i < TYPES.length; i++) {
			if (TYPES[i].equals(type)) {
				return i;
			}
		}
		return -1;
	}

}
