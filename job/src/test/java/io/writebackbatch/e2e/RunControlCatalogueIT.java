package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Catalogue cases 200-229 through the packaged CLI: the options of {@code apply} for an
 * unfinished run, retention ({@code prune}) asked to delete what rollbacks need, a
 * rollback of a pruned run, and job-repository URLs that cannot hold a run's checkpoints.
 * Each is refused before anything changes. (The eviction sequence itself:
 * {@link KillMatrixIT}'s replacement-pod rows; the job repository failing mid-run:
 * {@link RepositoryFailureFunctionalTests}.)
 */
class RunControlCatalogueIT extends PackagedCatalogue {

	private static final String DEFINITION = BadInputCatalogueIT.DISABLE_ALL.toString();

	/** Refusals made before the job starts end in about a JVM start. */
	private static final Duration QUICK = Duration.ofSeconds(60);

	@Case
	void abandoningAndContinuingTheUnfinishedRunAtOnceIsRefused() {
		PackagedCli.Result result = expect(200, "`--new-run` and `--resume-unfinished` together", 2, cli.within(QUICK),
				"apply", "--new-run", "--resume-unfinished", "--definition", DEFINITION);
		assertThat(result.err()).contains("--new-run").contains("--resume-unfinished").contains("mutually exclusive");
	}

	@Case
	void pruneNeverDeletesWhatRollbacksNeedAndAPrunedRunIsGone() {
		PackagedCli cli = this.cli.with("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("data/writeback"));
		assertThat(cli.run("apply", "--definition", DEFINITION).exitCode()).isZero();
		List<String> applied = DisableAll.patchedGroups(sim);
		// someone turns a group back, so the second apply changes something too: only
		// applies that changed something count for --keep-applies
		sim.tenant().setWriteback(applied.get(0), true, null);
		assertThat(cli.run("apply", "--definition", DEFINITION).exitCode()).isZero();
		// from here on nothing may change: the refusals below are checked against a clean
		// audit (the turn-back above is no PATCH of the job's)
		sim.clearAudit();
		List<String> nothing = List.of();
		PackagedCli.Result pruned = cli.run("prune", "--older-than", "0s", "--keep-applies", "1", "--apply");
		assertThat(pruned.exitCode()).as(pruned.all()).isZero();
		assertThat(pruned.out()).contains("pruned 1 run");

		PackagedCli.Result keepNone = expectChanged(210, "prune asked to keep no apply (every rollback's data)", 2,
				nothing, cli, "prune", "--keep-applies", "0", "--apply");
		assertThat(keepNone.err())
			.startsWith("refused: --keep-applies 0 would delete the previous states every rollback " + "reads");

		PackagedCli.Result rollback = expectChanged(211, "a rollback of a run that prune removed", 2, nothing, cli,
				"rollback", "--run", "1");
		assertThat(rollback.err()).startsWith("refused: there is no run 1 (runs removed by 'prune' are gone for good)");
	}

	@Case
	void notAJdbcUrl() {
		PackagedCli.Result result = expect(214, "`SPRING_DATASOURCE_URL=garbage` (not a JDBC URL)", 2,
				cli.with("spring.datasource.url", "garbage").within(QUICK), "apply", "--definition", DEFINITION);
		assertThat(result.err()).contains("is not a JDBC URL");
	}

	@Case
	void unnamedInMemoryDatabase() {
		PackagedCli.Result result = expect(215, "`SPRING_DATASOURCE_URL=jdbc:h2:mem:` (an unnamed in-memory database)",
				2, cli.with("spring.datasource.url", "jdbc:h2:mem:").within(QUICK), "apply", "--definition",
				DEFINITION);
		assertThat(result.err()).contains("unnamed in-memory database");
	}

	@Case
	void aFleetFileHoldingASecretIsRefusedWithoutEchoingIt() throws IOException {
		Path fleet = Files.writeString(dir.resolve("fleet.yaml"),
				FLEET.replace("clientId: " + CLIENT, "clientId: " + CLIENT + "\n      clientSecret: Zq8~s3cr3t-value"));
		PackagedCli.Result result = expect(216, "a fleet file with a client secret in it (`runs --fleet`)", 2,
				cli.within(QUICK), "runs", "--fleet", fleet.toString());
		assertThat(result.err()).contains(fleet + ":6: unknown field 'tenants[0].credential.clientSecret'")
			.contains("secretEnv");
		assertThat(result.all()).doesNotContain("s3cr3t");
	}

	@Case
	void aFleetFileNamingAMissingDefinitionIsRefusedNamingTheEntry() throws IOException {
		Path fleet = Files.writeString(dir.resolve("fleet.yaml"), FLEET.replace(DEFINITION, "nightly.yaml"));
		PackagedCli.Result result = expect(217, "a fleet file naming a definition that is not there (`report --fleet`)",
				2, cli.within(QUICK), "report", "--fleet", fleet.toString());
		assertThat(result.err()).contains(fleet + ":6: field 'tenants[0].definitions[0]': no such job definition");
	}

	private static final String CLIENT = "aaaaaaaa-1111-4111-8111-111111111111";

	/** A fleet of one tenant; line 5 is the client id, line 6 the definitions. */
	private static final String FLEET = "tenants:\n  - name: contoso\n    tenantId: 11111111-1111-4111-8111-111111111111\n"
			+ "    credential:\n      clientId: " + CLIENT + "\n    definitions: [" + DEFINITION + "]\n"
			+ "    schedule: \"30 1 * * *\"\n";

}
