package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.writebackbatch.simulator.AuditEntry;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;

/**
 * What {@code jobs/disable-all.yaml} must do to a simulated tenant, read from the
 * simulator's state and audit log.
 */
final class DisableAll {

	private DisableAll() {
	}

	/**
	 * The groups the run must change: cloud groups that are still written back (isEnabled
	 * true or not set).
	 */
	static Set<String> groupsToChange(Collection<GroupView> groups) {
		return groups.stream()
			.filter(g -> !g.onPremisesSyncEnabled() && !Boolean.FALSE.equals(g.writebackEnabled()))
			.map(GroupView::id)
			.collect(Collectors.toSet());
	}

	/**
	 * Every PATCH the tenant received, in order, as group ids (a group patched twice
	 * appears twice).
	 */
	static List<String> patchedGroups(GraphSimulator sim) {
		return sim.audit().stream().filter(e -> e.method().equals("PATCH")).map(AuditEntry::target).toList();
	}

	/** Exactly the expected groups were patched, and each now has writeback disabled. */
	static void assertApplied(GraphSimulator sim, Set<String> expected) {
		assertThat(Set.copyOf(patchedGroups(sim))).isEqualTo(expected);
		for (GroupView group : sim.tenant().unifiedGroups()) {
			if (expected.contains(group.id())) {
				assertThat(group.writebackEnabled()).as(group.id()).isFalse();
			}
		}
	}

}
