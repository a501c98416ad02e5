package io.writebackbatch.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic tenant from a seed: unified groups with a realistic mix of writeback
 * states and member counts (a few very large), plus security groups and distribution
 * lists.
 */
final class TenantGenerator {

	private static final long START_2016 = 1451606400L;

	private static final long END_2025 = 1767225599L;

	private TenantGenerator() {
	}

	static Tenant generate(long seed, int unified, int nonUnified, boolean withGroupUnifiedSetting) {
		int total = unified + nonUnified;
		Tenant tenant = new Tenant(Math.max(16, total + 16), seed);
		SplittableRandom r = new SplittableRandom(seed);
		long[] hi = new long[total];
		for (int i = 0; i < total; i++) {
			hi[i] = (r.nextLong() & ~0xF000L | 0x4000L) ^ Long.MIN_VALUE; // v4; flipped
																			// for
																			// unsigned
																			// sort
		}
		Arrays.sort(hi);
		long[] lo = new long[total];
		for (int i = 0; i < total; i++) {
			hi[i] ^= Long.MIN_VALUE;
			lo[i] = r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
		}
		byte[] kinds = kinds(r, unified, total);
		int[] ordinal = new int[3];
		for (int i = 0; i < total; i++) {
			byte k = kinds[i];
			int n = ordinal[k]++;
			long created = START_2016 + r.nextLong(END_2025 - START_2016);
			int members = memberCount(r, n, k == GroupColumns.UNIFIED);
			byte flags = 0;
			if (r.nextInt(100) < 2) {
				flags |= GroupColumns.F_SYNC;
			}
			if (k == GroupColumns.UNIFIED && r.nextInt(100) < 40) {
				flags |= GroupColumns.F_PRIVATE;
			}
			byte writeback = (k == GroupColumns.UNIFIED) ? unifiedWriteback(r)
					: (k == GroupColumns.SECURITY) ? securityWriteback(r) : 0;
			tenant.store()
				.appendSorted(
						new GroupRecord(new GroupKey(hi[i], lo[i]), k, n, null, created, members, flags, writeback));
		}
		if (withGroupUnifiedSetting) {
			String id = new UUID(r.nextLong() & ~0xF000L | 0x4000L,
					r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L)
				.toString();
			tenant.settings()
				.change((all) -> all.add(new DirectorySetting(id, "Group.Unified", SettingTemplates.GROUP_UNIFIED_ID,
						SettingTemplates.defaults(SettingTemplates.GROUP_UNIFIED_ID))));
		}
		return tenant;
	}

	/**
	 * The first {@code unified} are unified, the others one in three a distribution list;
	 * shuffled over the ids.
	 */
	private static byte[] kinds(SplittableRandom r, int unified, int total) {
		byte[] kinds = new byte[total];
		for (int i = unified; i < total; i++) {
			kinds[i] = (r.nextInt(3) == 0) ? GroupColumns.DISTRIBUTION : GroupColumns.SECURITY;
		}
		for (int i = total - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			byte k = kinds[i];
			kinds[i] = kinds[j];
			kinds[j] = k;
		}
		return kinds;
	}

	private static int memberCount(SplittableRandom r, int ordinal, boolean unified) {
		if (unified && ordinal % 4999 == 11) {
			return 250_001 + r.nextInt(350_000);
		}
		if (unified && ordinal % 997 == 5) {
			return 50_001 + r.nextInt(199_000);
		}
		int p = r.nextInt(1000);
		if (p < 900) {
			return r.nextInt(201);
		}
		if (p < 990) {
			return 200 + r.nextInt(4_800);
		}
		return 5_000 + r.nextInt(45_000);
	}

	private static byte unifiedWriteback(SplittableRandom r) {
		int p = r.nextInt(100);
		if (p < 50) {
			return PackedWriteback.pack(null, 0); // never touched: null / null
		}
		if (p < 60) {
			return PackedWriteback.pack(true, 0); // enabled, type null (=
													// universalDistributionGroup)
		}
		if (p < 70) {
			return PackedWriteback.pack(true, 1);
		}
		if (p < 77) {
			return PackedWriteback.pack(true, 2);
		}
		if (p < 82) {
			return PackedWriteback.pack(true, 3);
		}
		if (p < 94) {
			return PackedWriteback.pack(false, 0);
		}
		if (p < 97) {
			return PackedWriteback.pack(false, 1);
		}
		return PackedWriteback.pack(null, 2);
	}

	private static byte securityWriteback(SplittableRandom r) {
		int p = r.nextInt(100);
		if (p < 80) {
			return PackedWriteback.pack(null, 0);
		}
		if (p < 90) {
			return PackedWriteback.pack(true, 2);
		}
		return PackedWriteback.pack(false, 0);
	}

}
