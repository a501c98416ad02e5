package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Catalogue cases 230-259: applying a reviewed plan ({@code apply --plan}) refused
 * through the packaged CLI: exit 2, a one-line reason starting "refused:" (or "error:"
 * for a usage mistake), nothing written since the runs the case made on purpose. The runs
 * of a case share one H2 file, as an operator's runs do.
 */
class ChangeControlCatalogueIT extends PackagedCatalogue {

	private PackagedCli withFileRepository() {
		return cli.with("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db/writeback"));
	}

	private Path definition() throws IOException {
		return Files.writeString(dir.resolve("disable.yaml"), "action: disable\nmaxChanges: 100000\n");
	}

	@Case
	void refusalsOfAPlan() throws IOException {
		PackagedCli cli = withFileRepository();
		Path definition = definition();
		assertThat(cli.run("plan", "--definition", definition.toString()).exitCode()).isZero();

		PackagedCli.Result wrongDigest = refused(230, "`apply --plan` with a digest that is not the plan's", List.of(),
				cli, "apply", "--plan", "1", "--digest", "0".repeat(64));
		assertThat(wrongDigest.err()).contains("does not match plan 1's digest");

		PackagedCli.Result old = refused(232,
				"`apply --plan` of a plan older than `writeback.change-control.max-plan-age` " + "(default 7 days)",
				List.of(), cli.with("writeback.change-control.max-plan-age", "1ms"), "apply", "--plan", "1");
		assertThat(old.err()).contains("older than").contains("max-plan-age");

		Files.writeString(definition, "action: disable\nmaxChanges: 5\n");
		PackagedCli.Result changed = refused(231, "`apply --plan` of a plan whose definition changed since", List.of(),
				cli, "apply", "--plan", "1");
		assertThat(changed.err()).contains("changed since plan 1 was made");
	}

	@Case
	void onlyCompletedPlansOfADefinitionCanBeApplied() throws IOException {
		PackagedCli cli = withFileRepository();
		Path definition = definition();
		assertThat(cli.run("apply", "--definition", definition.toString()).exitCode()).isZero();
		List<String> applied = DisableAll.patchedGroups(sim);
		assertThat(applied).isNotEmpty();

		PackagedCli.Result notAPlan = refused(233, "`apply --plan` naming an apply run, not a plan", applied, cli,
				"apply", "--plan", "1");
		assertThat(notAPlan.err()).contains("is not a plan of a definition");

		PackagedCli.Result missing = refused(234, "`apply --plan` naming a run that does not exist", applied, cli,
				"apply", "--plan", "99");
		assertThat(missing.err()).contains("there is no run 99");

		PackagedCli.Result digestAlone = expectChanged(235, "`--digest` without `--plan`", 2, applied, cli, "apply",
				"--definition", definition.toString(), "--digest", "ab");
		assertThat(digestAlone.err()).startsWith("error: --digest and --force need --plan");
	}

	/**
	 * Issue 21: a negative {@code incremental-overlap} started the window in the future
	 * (the run read nothing); a negative {@code full-inventory-every} never listed
	 * everything. Refused at start as the retention settings are.
	 */
	@Case
	void negativeChangeControlDurations() throws IOException {
		Path definition = definition();
		int number = 236;
		for (String setting : List.of("incremental-overlap", "full-inventory-every")) {
			PackagedCli.Result result = expect(number++, "setting `writeback.change-control." + setting + "=-1h`", 2,
					cli.with("writeback.change-control." + setting, "-1h"), "apply", "--definition",
					definition.toString());
			assertThat(result.err()).startsWith("error: the settings under writeback.change-control are not valid")
				.contains(setting + " PT-1H is negative");
		}
	}

	/**
	 * Exit 2 with "refused:" first on stderr; the tenant holds exactly the changes made
	 * before ({@code patched}).
	 */
	private PackagedCli.Result refused(int number, String input, List<String> patched, PackagedCli cli,
			String... args) {
		PackagedCli.Result result = expectChanged(number, input, 2, patched, cli, args);
		assertThat(result.err()).as("stderr").startsWith("refused: ");
		return result;
	}

}
