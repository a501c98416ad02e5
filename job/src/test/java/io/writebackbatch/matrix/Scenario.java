package io.writebackbatch.matrix;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.writebackbatch.e2e.Cli;
import io.writebackbatch.simulator.GroupView;

/**
 * A row of the matrix: a command that talks to Graph, with what it needs done first
 * (under a kind Graph) and what the tenant must look like afterwards. The unkind
 * behaviour is selected just before the command under test.
 */
enum Scenario {

	PLAN("plan", "action: disable\n", false) {
		@Override
		Run run(Cell c) {
			Map<String, GroupView> before = c.groups();
			c.unkind();
			return Run.disable(c.cli("plan", "--definition", c.definition()), before, false);
		}
	},

	APPLY("apply", "action: disable\n", false) {
		@Override
		Run run(Cell c) {
			return applyUnderFaults(c);
		}
	},

	APPLY_PLAN("apply --plan", "action: disable\n", false) {
		@Override
		Run run(Cell c) {
			Map<String, GroupView> before = c.groups();
			Cli.Result plan = c.setup(0, "plan", "--definition", c.definition());
			Matcher approved = APPROVAL.matcher(plan.out());
			if (!approved.find()) {
				throw new IllegalStateException("the plan printed no 'apply --plan N --digest HEX': " + plan.all());
			}
			c.unkind();
			return Run.disable(c.cli("apply", "--plan", approved.group(1), "--digest", approved.group(2)), before,
					true);
		}
	},

	INCREMENTAL_NIGHTLY("nightly (incremental)", "action: disable\ninventory: incremental\n", false) {
		@Override
		Run run(Cell c) {
			Map<String, GroupView> beforeFullRun = c.groups();
			c.setup(0, "apply", "--definition", c.definition());
			for (int i = 0; i < 3; i++) {
				c.sim().tenant().createUnifiedGroup("Created Tonight " + i);
			}
			// someone turns back a group the full run changed: the nightly must find it
			beforeFullRun.values()
				.stream()
				.filter(Run::selectedForDisable)
				.map(GroupView::id)
				.sorted()
				.findFirst()
				.ifPresent(id -> c.sim().tenant().setWriteback(id, true, null));
			Map<String, GroupView> before = c.groups();
			c.unkind();
			return Run.disable(c.cli("apply", "--definition", c.definition()), before, true);
		}
	},

	SCHEDULED_AFTER_STOP("scheduled after a stopped run", "action: disable\n", false) {
		@Override
		Run run(Cell c) {
			Map<String, GroupView> before = c.groups();
			c.stopNextRun();
			c.setup(3, Map.of("writeback.graph.max-retries", "0"), "apply", "--definition", c.definition());
			c.kind();
			c.unkind();
			return Run.disable(c.cli("scheduled", "--definition", c.definition()), before, true);
		}
	},

	ROLLBACK_APPLY("rollback --apply", "action: disable\n", false) {
		@Override
		Run run(Cell c) {
			Map<String, GroupView> beforeApply = c.groups();
			Cli.Result apply = c.setup(0, "apply", "--definition", c.definition());
			Matcher run = RUN.matcher(apply.out());
			if (!run.find()) {
				throw new IllegalStateException("the apply printed no run id: " + apply.all());
			}
			Map<String, GroupView> afterApply = c.groups();
			c.unkind();
			return Run.rollback(c.cli("rollback", "--run", run.group(1), "--apply"), beforeApply, afterApply);
		}
	},

	NEW_GROUP_DEFAULT("new-group default", "action: disable\nnewGroupWriteback: disabled\n", true) {
		@Override
		Run run(Cell c) {
			return applyUnderFaults(c);
		}
	},

	MEMBER_AUDIT("member audit", "action: disable\nmemberAudit: true\n", false) {
		@Override
		Run run(Cell c) {
			return applyUnderFaults(c);
		}
	},

	CHECK("check", "action: disable\n", false) {
		@Override
		Run run(Cell c) {
			Map<String, GroupView> before = c.groups();
			c.unkind();
			return Run.disable(c.cli("check", "--definition", c.definition()), before, false);
		}
	};

	static final Pattern APPROVAL = Pattern.compile("apply --plan (\\d+) --digest ([0-9a-f]{64})");

	static final Pattern RUN = Pattern.compile("# writeback-batch run (\\d+)");

	private final String title;

	private final String definition;

	private final boolean changesSetting;

	Scenario(String title, String definition, boolean changesSetting) {
		this.title = title;
		this.definition = definition;
		this.changesSetting = changesSetting;
	}

	/** An apply of the definition, its faults selected first. */
	private static Run applyUnderFaults(Cell c) {
		Map<String, GroupView> before = c.groups();
		c.unkind();
		return Run.disable(c.cli("apply", "--definition", c.definition()), before, true);
	}

	/** Does what it needs first, selects the column's faults, runs the command. */
	abstract Run run(Cell c);

	String title() {
		return title;
	}

	String definition() {
		return definition;
	}

	/** It sets NewUnifiedGroupWritebackDefault. */
	boolean changesSetting() {
		return changesSetting;
	}

}
