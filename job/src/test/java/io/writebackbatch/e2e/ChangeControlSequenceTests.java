package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.writebackbatch.report.SummarySchema;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Generated command sequences against the change-control invariants (issue 21; see
 * docs/development/sequences.md): seeded random chains of commands (plan, apply, apply
 * --plan with the right or a wrong digest, resume, scheduled, rollback, prune, applies
 * stopped part-way) and of someone else's changes to the simulated tenant (turn a group
 * back, delete one, create one), run in-process against the simulator. After every step
 * the invariants are checked; a failure names the seed, the steps so far and the first
 * broken invariant. The default run is one short chain on a fixed seed; a longer search:
 * {@code -Dsequences.tries=20 -Dsequences.steps=25 -Dsequences.seed=random}.
 */
class ChangeControlSequenceTests {

	enum Step {

		PLAN, APPLY, APPLY_PLAN, APPLY_PLAN_WRONG_DIGEST, APPLY_STOPPED, APPLY_PLAN_STOPPED, RESUME, SCHEDULED,
		ROLLBACK, PRUNE, TURN_BACK, DELETE, CREATE

	}

	/** Groups per PATCH chunk: at most this many are in flight when an apply stops. */
	static final int IN_FLIGHT = 20;

	@Test
	void everyStepKeepsTheChangeControlInvariants() throws Exception {
		long seed = seed();
		int tries = Integer.getInteger("sequences.tries", 1);
		int steps = Integer.getInteger("sequences.steps", 14);
		System.out.println("change-control sequences: seed " + seed + ", " + tries + " tries of " + steps + " steps");
		Random random = new Random(seed);
		for (int i = 0; i < tries; i++) {
			List<Step> chain = new ArrayList<>();
			for (int s = 0; s < steps; s++) {
				chain.add(Step.values()[random.nextInt(Step.values().length)]);
			}
			new Sequence(seed + i).run(chain);
		}
	}

	/** Named counterexamples found by the generated chains, kept as fixed sequences. */
	@Test
	void aPlanAfterAnApplicationStoppedThenAWrongDigestThenScheduledThenTheRightDigest() throws Exception {
		new Sequence(7).run(List.of(Step.PLAN, Step.APPLY_PLAN_STOPPED, Step.PLAN, Step.APPLY_PLAN_WRONG_DIGEST,
				Step.SCHEDULED, Step.PRUNE, Step.APPLY_PLAN));
	}

	/** A rollback of an unfinished run ends it (the known defect of 2026-12-07). */
	@Test
	void anApplyStoppedThenRolledBackIsContinuedByNothing() throws Exception {
		new Sequence(8).run(List.of(Step.APPLY_STOPPED, Step.ROLLBACK, Step.RESUME, Step.SCHEDULED));
		new Sequence(9).run(List.of(Step.PLAN, Step.APPLY_PLAN_STOPPED, Step.ROLLBACK, Step.APPLY_PLAN, Step.RESUME,
				Step.SCHEDULED));
	}

	private static long seed() {
		String seed = System.getProperty("sequences.seed", "2112");
		return "random".equals(seed) ? new Random().nextLong() : Long.parseLong(seed);
	}

	/**
	 * One chain on a fresh tenant and job repository, with the model of what it expects.
	 */
	static final class Sequence {

		final long seed;

		final Random random;

		final List<String> done = new ArrayList<>();

		Path dir;

		Cli cli;

		Path definition;

		GraphSimulator sim;

		/** Plan run id -> its digest and the groups it plans to change (the oracle). */
		final Map<Long, Plan> plans = new HashMap<>();

		/** The unfinished run the model expects, if any. */
		Unfinished unfinished;

		long lastApply;

		/**
		 * Whether the definition's latest apply was undone by a rollback, so that
		 * applying the definition again is refused; UNKNOWN once prune may have removed
		 * either run.
		 */
		RolledBack rolledBack = RolledBack.NO;

		enum RolledBack {

			NO, YES, UNKNOWN

		}

		/** Groups a run disabled that someone turned back, not yet seen by a run. */
		final Set<String> turnedBack = new HashSet<>();

		/** PATCHes before this index were made by runs that prune may have removed. */
		int judgedFrom;

		record Plan(String digest, Set<String> changes) {
		}

		/**
		 * Run {@code run}, an apply stopped part-way: plain, or the application of plan
		 * {@code plan}.
		 */
		record Unfinished(long run, Long plan, Set<String> written) {
		}

		Sequence(long seed) {
			this.seed = seed;
			this.random = new Random(seed);
		}

		void run(List<Step> chain) throws Exception {
			dir = Files.createTempDirectory("sequence");
			sim = GraphSimulator.start(SimulatorConfig.builder()
				.port(0)
				.token("test-token")
				.seed(seed)
				.unifiedGroups(80)
				.nonUnifiedGroups(5)
				.build());
			try {
				cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
				definition = dir.resolve("disable.yaml");
				Files.writeString(definition, "action: disable\nmaxChanges: 100000\n");
				for (Step step : chain) {
					done.add(step.name());
					try {
						take(step);
					}
					catch (AssertionError e) {
						throw new AssertionError("seed " + seed + ", steps " + done + ": " + e.getMessage(), e);
					}
				}
			}
			finally {
				sim.close();
			}
		}

		private void take(Step step) throws IOException {
			int before = patches().size();
			switch (step) {
				case PLAN -> plan();
				case APPLY -> apply(cli.run("apply", "--definition", definition.toString()), before, false);
				case SCHEDULED -> apply(cli.run("scheduled", "--definition", definition.toString()), before, true);
				case RESUME -> resume(before);
				case APPLY_PLAN -> applyPlan(before, false);
				case APPLY_PLAN_STOPPED -> applyPlan(before, true);
				case APPLY_PLAN_WRONG_DIGEST -> wrongDigest(before);
				case APPLY_STOPPED -> stoppedApply(before);
				case ROLLBACK -> rollback();
				case PRUNE -> {
					Cli.Result prune = cli.run("prune", "--apply", "--older-than", "0s", "--keep-runs", "1",
							"--keep-applies", "1");
					assertThat(prune.exitCode()).as(prune.all()).isZero();
					// a pruned run no longer says what it set: judge turn-backs of later
					// writes only
					judgedFrom = patches().size();
					turnedBack.clear();
					// retention may remove the rolled-back run or its rollback
					rolledBack = rolledBack == RolledBack.NO ? RolledBack.NO : RolledBack.UNKNOWN;
				}
				case TURN_BACK -> disabledByARun().ifPresent(id -> {
					sim.tenant().setWriteback(id, true, null);
					turnedBack.add(id);
				});
				case DELETE -> pick(sim.tenant().unifiedGroups().stream().map(GroupView::id).toList()).ifPresent(id -> {
					sim.tenant().deleteGroup(id);
					turnedBack.remove(id);
				});
				case CREATE -> sim.tenant().createUnifiedGroup("Created " + done.size());
			}
			List<String> sent = patches().subList(before, patches().size());
			assertThat(sent).as("no group is sent twice in one command").doesNotHaveDuplicates();
		}

		private void plan() {
			Set<String> changes = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
			Cli.Result plan = cli.run("plan", "--definition", definition.toString());
			assertThat(plan.exitCode()).as(plan.all()).isZero();
			long run = runId(plan);
			String digest = summary(run).path("changeControl").path("plan").path("digest").asString();
			plans.put(run, new Plan(digest, changes));
			checkTurnedBack(run, sim.tenant().unifiedGroups().stream().map(GroupView::id).toList());
		}

		/**
		 * A plain apply (refused while a run is unfinished) or scheduled (continues an
		 * unfinished apply; refused while an application approved by digest is
		 * unfinished).
		 */
		private void apply(Cli.Result result, int before, boolean continues) {
			if (unfinished != null && (!continues || unfinished.plan() != null)) {
				assertThat(result.exitCode()).as("refused while a run is unfinished: " + result.all()).isEqualTo(2);
				assertThat(patches()).hasSize(before);
				return;
			}
			if (unfinished == null && refusedAsARollbackRedone(result, before)) {
				return;
			}
			assertThat(result.exitCode()).as(result.all()).isZero();
			finished(result, before);
		}

		/**
		 * A rollback sticks: an apply of the definition whose latest apply was rolled
		 * back is refused, writing nothing.
		 */
		private boolean refusedAsARollbackRedone(Cli.Result result, int before) {
			if (rolledBack == RolledBack.NO || (rolledBack == RolledBack.UNKNOWN && result.exitCode() != 2)) {
				return false;
			}
			assertThat(result.exitCode()).as("refused after a rollback: " + result.all()).isEqualTo(2);
			assertThat(result.err()).contains("was undone by rollback run").contains("apply --new-run");
			assertThat(patches()).hasSize(before);
			return true;
		}

		private void resume(int before) {
			Cli.Result result = cli.run("resume", "--definition", definition.toString());
			if (unfinished == null) {
				assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
				assertThat(patches()).hasSize(before);
			}
			else if (unfinished.plan() != null) {
				assertThat(result.exitCode()).as("resume needs the digest again: " + result.all()).isEqualTo(2);
				assertThat(patches()).hasSize(before);
			}
			else {
				assertThat(result.exitCode()).as("an unfinished apply stays finishable: " + result.all()).isZero();
				finished(result, before);
			}
		}

		/** A plain run that completed: the tenant is as the definition says. */
		private void finished(Cli.Result result, int before) {
			long run = runId(result);
			assertThat(DisableAll.groupsToChange(sim.tenant().unifiedGroups())).as("groups left to change").isEmpty();
			boolean continued = unfinished != null;
			if (continued) {
				Set<String> again = new HashSet<>(patches().subList(before, patches().size()));
				again.retainAll(unfinished.written());
				assertThat(again.size()).as("re-sent after the stop").isLessThanOrEqualTo(IN_FLIGHT);
				// a continued run does not read again: what it recorded at its start
				// stands
				turnedBack.clear();
			}
			else {
				checkTurnedBack(run, sim.tenant().unifiedGroups().stream().map(GroupView::id).toList());
			}
			unfinished = null;
			lastApply = run;
			rolledBack = RolledBack.NO;
		}

		private void applyPlan(int before, boolean stopped) {
			Long target = unfinished != null && unfinished.plan() != null ? unfinished.plan()
					: plans.keySet().stream().max(Long::compare).orElse(null);
			if (target == null) {
				return;
			}
			Plan plan = plans.get(target);
			String[] args = { "apply", "--plan", target.toString(), "--digest", plan.digest() };
			Cli.Result result = stopped
					? FaultAfterWrites.run(sim, 5,
							() -> cli.run(UnfinishedApplicationFunctionalTests.STOPS_AT_FIRST_FAILURE, args))
					: cli.run(args);
			Set<String> sent = new HashSet<>(patches().subList(before, patches().size()));
			assertThat(plan.changes()).as("written only inside the approved change set").containsAll(sent);
			if (result.exitCode() == 2) {
				assertThat(sent).isEmpty();
				assertThat(result.err()).as("refused for a reason the model expects")
					.containsAnyOf("already carried out", "did not finish");
				assertThat(unfinished == null || unfinished.plan() == null || !unfinished.plan().equals(target))
					.as("an unfinished application stays finishable: " + result.err())
					.isTrue();
				return;
			}
			if (result.exitCode() == 3) {
				Set<String> written = new HashSet<>(sent);
				if (unfinished != null) {
					written.addAll(unfinished.written());
				}
				unfinished = new Unfinished(runId(result), target, written);
				turnedBack.clear();
				return;
			}
			assertThat(result.exitCode()).as(result.all()).isZero();
			if (unfinished != null) {
				turnedBack.clear();
			}
			unfinished = null;
			lastApply = runId(result);
			rolledBack = RolledBack.NO;
			turnedBack.removeAll(plan.changes());
		}

		private void wrongDigest(int before) {
			Long target = plans.keySet().stream().max(Long::compare).orElse(null);
			if (target == null) {
				return;
			}
			Cli.Result result = cli.run("apply", "--plan", target.toString(), "--digest", "0".repeat(64));
			assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
			assertThat(patches()).as("nothing written with a wrong digest").hasSize(before);
		}

		private void stoppedApply(int before) {
			Cli.Result result = FaultAfterWrites.run(sim, 5,
					() -> cli.run(UnfinishedApplicationFunctionalTests.STOPS_AT_FIRST_FAILURE, "apply", "--definition",
							definition.toString()));
			if (unfinished != null) {
				assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
				assertThat(patches()).hasSize(before);
				return;
			}
			if (refusedAsARollbackRedone(result, before)) {
				return;
			}
			if (result.exitCode() == 0) {
				finished(result, before);
				return;
			}
			assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
			unfinished = new Unfinished(runId(result), null,
					new HashSet<>(patches().subList(before, patches().size())));
			turnedBack.clear();
		}

		private void rollback() {
			if (unfinished != null) {
				rollbackUnfinished();
				return;
			}
			if (lastApply == 0) {
				return;
			}
			Cli.Result result = cli.run("rollback", "--run", Long.toString(lastApply), "--apply");
			assertThat(result.exitCode()).as(result.all()).isIn(0, 2);
			if (result.out().contains("# writeback-batch run")) {
				rolledBack = RolledBack.YES;
			}
			if (result.exitCode() == 0) {
				lastApply = 0;
			}
		}

		/**
		 * A rollback of the unfinished run ends it: every group it wrote is as before it,
		 * and nothing continues it afterwards (the model has no unfinished run).
		 */
		private void rollbackUnfinished() {
			Set<String> written = unfinished.written();
			Cli.Result result = cli.run("rollback", "--run", Long.toString(unfinished.run()), "--apply");
			assertThat(result.exitCode()).as(result.all()).isIn(0, 2);
			assertThat(result.out()).as("the rollback ran: " + result.all()).contains("# writeback-batch run");
			if (result.exitCode() == 0) {
				Set<String> stillDisabled = new HashSet<>(written);
				stillDisabled.retainAll(sim.tenant()
					.unifiedGroups()
					.stream()
					.filter(g -> Boolean.FALSE.equals(g.writebackEnabled()))
					.map(GroupView::id)
					.toList());
				assertThat(stillDisabled).as("groups the unfinished run wrote, restored by its rollback").isEmpty();
			}
			unfinished = null;
			lastApply = 0;
			rolledBack = RolledBack.YES;
		}

		/**
		 * Every group turned back since a run set it and still there is listed, once, by
		 * the first run that reads it.
		 */
		private void checkTurnedBack(long run, List<String> existing) {
			turnedBack.retainAll(existing);
			Set<String> listed = new HashSet<>();
			summary(run).path("changeControl")
				.path("reverted")
				.path("groups")
				.forEach(g -> listed.add(g.path("id").asString()));
			assertThat(listed).as("groups turned back, reported once by run " + run).isEqualTo(turnedBack);
			turnedBack.clear();
		}

		private java.util.Optional<String> disabledByARun() {
			Set<String> patched = new HashSet<>(patches().subList(judgedFrom, patches().size()));
			return pick(sim.tenant()
				.unifiedGroups()
				.stream()
				.filter(g -> patched.contains(g.id()) && Boolean.FALSE.equals(g.writebackEnabled()))
				.map(GroupView::id)
				.sorted()
				.toList());
		}

		private java.util.Optional<String> pick(List<String> ids) {
			return ids.isEmpty() ? java.util.Optional.empty()
					: java.util.Optional.of(ids.get(random.nextInt(ids.size())));
		}

		private List<String> patches() {
			return DisableAll.patchedGroups(sim);
		}

		private JsonNode summary(long run) {
			return SummarySchema.read(dir.resolve("reports/" + run + "/summary.json"));
		}

		private static long runId(Cli.Result result) {
			Matcher m = Pattern.compile("# writeback-batch run (\\d+)").matcher(result.out());
			assertThat(m.find()).as("the run's report names it: " + result.all()).isTrue();
			return Long.parseLong(m.group(1));
		}

	}

}
