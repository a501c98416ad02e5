package io.writebackbatch.simulator;

import java.util.Arrays;
import java.util.Set;

/**
 * The role-assignable groups ({@code isAssignableToRole: true}): the first {@code n}
 * unified groups in id order; {@code n} can change while the simulator serves.
 */
final class RoleAssignable {

	private final TenantStore store;

	private volatile int count;

	private volatile Set<String> ids;

	RoleAssignable(TenantStore store, int count) {
		this.store = store;
		count(count);
	}

	int count() {
		return count;
	}

	void count(int n) {
		if (n < 0) {
			throw new IllegalArgumentException("roleAssignableGroups must be >= 0");
		}
		this.ids = Set.copyOf(Arrays.stream(store.page(null, n, true)).mapToObj(store.groups()::id).toList());
		this.count = n;
	}

	Set<String> ids() {
		return ids;
	}

	boolean contains(String id) {
		return ids.contains(id);
	}

}
