package io.writebackbatch.matrix;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import io.writebackbatch.e2e.Cli;
import io.writebackbatch.simulator.GroupView;

/**
 * The command under test and what the tenant may look like after it: each group of
 * {@code before} still as it was, or (if the definition selects it) as the definition
 * says; after exit 0, every selected group as the definition says.
 *
 * @param result what the command printed and its exit code
 * @param before the groups as they were just before the command
 * @param selects the groups the definition changes (judged on {@code before})
 * @param wanted whether a group's state after the command (second) is what the definition
 * says for it (first: as it was before)
 * @param writes the command may change the tenant
 */
record Run(Cli.Result result, Map<String, GroupView> before, Predicate<GroupView> selects,
		BiPredicate<GroupView, GroupView> wanted, boolean writes) {

	/** Cloud groups still written back: what {@code action: disable} changes. */
	static boolean selectedForDisable(GroupView g) {
		return !g.onPremisesSyncEnabled() && !Boolean.FALSE.equals(g.writebackEnabled());
	}

	static Run disable(Cli.Result result, Map<String, GroupView> before, boolean writes) {
		return new Run(result, before, writes ? Run::selectedForDisable : g -> false,
				(was, now) -> Boolean.FALSE.equals(now.writebackEnabled()), writes);
	}

	/** Each group the apply changed goes back to whether it was written back before. */
	static Run rollback(Cli.Result result, Map<String, GroupView> beforeApply, Map<String, GroupView> afterApply) {
		Predicate<GroupView> changed = g -> beforeApply.containsKey(g.id()) && !same(beforeApply.get(g.id()), g);
		return new Run(result, afterApply, changed,
				(was, now) -> writtenBack(now) == writtenBack(beforeApply.get(was.id())), true);
	}

	/**
	 * Writeback as Graph applies it to a Microsoft 365 group: not set means written back.
	 */
	static boolean writtenBack(GroupView g) {
		return !Boolean.FALSE.equals(g.writebackEnabled());
	}

	static boolean same(GroupView a, GroupView b) {
		return Objects.equals(a.writebackEnabled(), b.writebackEnabled())
				&& Objects.equals(a.onPremisesGroupType(), b.onPremisesGroupType());
	}

}
