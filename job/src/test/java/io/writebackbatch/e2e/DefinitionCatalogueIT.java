package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.writebackbatch.simulator.GroupView;

/**
 * Catalogue cases 20-39: a definition means exactly what it says (issue 15 item 1) and
 * its display-name patterns run in linear time (item 2). Each refusal is made by
 * {@code apply}, so a misread definition would have written to the tenant: the tenant
 * must be unchanged.
 */
class DefinitionCatalogueIT extends PackagedCatalogue {

	@Case
	void aliasOfTheDefinitionName() throws IOException {
		Path file = definition(
				"name: &keep \"(?i)finance\"\naction: disable\nfilters:\n  displayName:\n" + "    exclude: [*keep]\n");
		PackagedCli.Result result = expectInvalid(20,
				"a YAML alias `exclude: [*keep]` of `name: &keep \"(?i)finance\"`", cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:5").contains("alias '*keep' is not supported");

		// written out, the definition keeps the Finance groups and changes exactly the
		// others
		Path fixed = definition(
				"name: finance\naction: disable\nfilters:\n  displayName:\n    exclude: [\"(?i)finance\"]\n");
		Set<String> finance = sim.tenant()
			.unifiedGroups()
			.stream()
			.filter(g -> g.displayName().toLowerCase().contains("finance"))
			.map(GroupView::id)
			.collect(Collectors.toSet());
		Set<String> intended = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		assertThat(intended).as("Finance groups the alias would have disabled").containsAnyElementsOf(finance);
		intended.removeAll(finance);
		assertThat(cli.run("apply", "--definition", fixed.toString()).exitCode()).isZero();
		DisableAll.assertApplied(sim, intended);
	}

	@Case
	void secondFiltersBlock() throws IOException {
		String kept = anyGroupToChange();
		Path file = definition("action: disable\nfilters:\n  excludeIds: [" + kept + "]\nmaxChanges: 100\nfilters:\n"
				+ "  createdBefore: 2100-01-01\n");
		PackagedCli.Result result = expectInvalid(21, "a second `filters:` block (would drop the first's `excludeIds`)",
				cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:5").contains("'filters' is given twice, at lines 2 and 5");
	}

	@Case
	void repeatedListKey() throws IOException {
		String kept = anyGroupToChange();
		Path file = definition("action: disable\nfilters:\n  excludeIds: [" + kept + "]\n  excludeIds: []\n");
		PackagedCli.Result result = expectInvalid(22, "`excludeIds` given twice in one `filters` block", cli, "apply",
				file);
		assertThat(result.err()).contains("bad.yaml:4").contains("'excludeIds' is given twice, at lines 3 and 4");
	}

	@Case
	void fractionalMaxChanges() throws IOException {
		Path file = definition("action: disable\nmaxChanges: 2.9\n");
		PackagedCli.Result result = expectInvalid(23, "`maxChanges: 2.9` (not a whole number)", cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:2")
			.contains("field 'maxChanges'")
			.contains("'2.9' is not a whole number");
	}

	@Case
	void tildeInAnIdList() throws IOException {
		Path file = definition("action: disable\nfilters:\n  excludeIds:\n    - " + anyGroupToChange() + "\n    - ~\n");
		PackagedCli.Result result = expectInvalid(24, "`~` (YAML null) as an entry of `excludeIds`", cli, "apply",
				file);
		assertThat(result.err()).contains("bad.yaml:5").contains("an empty (null) list entry '~'");
	}

	@Case
	void emptyPatternEntry() throws IOException {
		Path file = definition(
				"action: disable\nfilters:\n  displayName:\n    exclude:\n      - \"(?i)finance\"\n      -\n");
		PackagedCli.Result result = expectInvalid(25, "an empty entry `-` in `displayName.exclude`", cli, "apply",
				file);
		assertThat(result.err()).contains("bad.yaml:6").contains("an empty (null) list entry;");
	}

	@Case
	void catastrophicBacktrackingPattern() throws IOException {
		sim.tenant().createUnifiedGroup("a".repeat(250) + "!");
		sim.clearAudit(); // the group was created by the test: only what the job does
							// counts
		Path file = definition("action: disable\nfilters:\n  displayName:\n    exclude: [\"^(a+)+$\"]\n");
		PackagedCli.Result result = expectChanged(26,
				"display-name pattern `^(a+)+$` (catastrophic backtracking) and a " + "group named 250 × `a` + `!`", 0,
				List.of(), cli, "plan", "--definition", file.toString());
		assertThat(result.out()).contains("Unified groups read");
	}

	@Case
	void lookaroundPattern() throws IOException {
		Path file = definition("action: disable\nfilters:\n  displayName:\n    exclude:\n      - \"^(?!Finance)\"\n");
		PackagedCli.Result result = expectInvalid(27, "display-name pattern with lookahead `^(?!Finance)` (not RE2)",
				cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:5").contains("filters.displayName.exclude").contains("RE2 syntax");
	}

	@Case
	void secondYamlDocument() throws IOException {
		Path file = definition("action: enable\nonPremisesGroupType: universalSecurityGroup\n---\naction: disable\n");
		PackagedCli.Result result = expectInvalid(28, "two YAML documents (`---`) in one definition", cli, "apply",
				file);
		assertThat(result.err()).contains("bad.yaml:3").contains("a second YAML document");
	}

	@Case
	void deviceAsDefinition() {
		PackagedCli.Result result = expectInvalid(29, "`--definition /dev/zero` (a device that never ends)",
				cli.within(Duration.ofSeconds(60)), "apply", Path.of("/dev/zero"));
		assertThat(result.err()).contains("/dev/zero is not a regular file");
	}

	@Case
	void folderAsDefinition() throws IOException {
		PackagedCli.Result result = expectInvalid(30, "`--definition` naming a folder", cli, "apply",
				Files.createDirectories(dir.resolve("jobs")));
		assertThat(result.err()).contains("is not a regular file (a directory)");
	}

	@Case
	void emptyDefinition() throws IOException {
		Path file = definition("# disable everything, to be written\n");
		PackagedCli.Result result = expectInvalid(31, "a definition with only a comment", cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml: the file is empty (or only comments)");
	}

	@Case
	void latin1Definition() throws IOException {
		Path file = dir.resolve("bad.yaml");
		Files.write(file, "action: disable\nfilters:\n  displayName:\n    exclude: [\"\u00c9quipe\"]\n"
			.getBytes(StandardCharsets.ISO_8859_1));
		PackagedCli.Result result = expectInvalid(32, "a definition saved as Latin-1 (`\u00c9quipe` in a pattern)", cli,
				"apply", file);
		assertThat(result.err()).contains("bad.yaml:4: the file is not UTF-8 text");
	}

	@Case
	void singleValueForAList() throws IOException {
		Path file = definition("action: disable\nfilters:\n  excludeIds: " + anyGroupToChange() + "\n");
		PackagedCli.Result result = expectInvalid(33, "`excludeIds: <one id>` (a single value, not a list)", cli,
				"apply", file);
		assertThat(result.err()).contains("bad.yaml:3").contains("field 'filters.excludeIds': a list is expected here");
	}

	@Case
	void maxChangesTooLarge() throws IOException {
		Path file = definition("action: disable\nmaxChanges: 99999999999\n");
		PackagedCli.Result result = expectInvalid(34, "`maxChanges: 99999999999` (beyond a 32-bit integer)", cli,
				"apply", file);
		assertThat(result.err()).contains("bad.yaml:2").contains("the number is too large");
	}

	@Case
	void tabIndentation() throws IOException {
		Path file = definition("action: disable\nfilters:\n\texcludeIds: [" + anyGroupToChange() + "]\n");
		PackagedCli.Result result = expectInvalid(35, "a definition indented with a TAB", cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:").contains("not valid YAML").contains("TAB");
	}

	@Case
	void commentOnlyIdsFile() throws IOException {
		Files.writeString(dir.resolve("groups.txt"), "# to be filled in by the export script\n");
		Path file = definition("action: disable\nfilters:\n  idsFile: groups.txt\n");
		PackagedCli.Result result = expectInvalid(36,
				"an `idsFile` with no ids (only a comment): would select every group", cli, "apply", file);
		assertThat(result.err()).contains("the id list groups.txt holds no ids, so it would select every group");
	}

	@Case
	void emptyIncludeList() throws IOException {
		Path file = definition("action: disable\nfilters:\n  displayName:\n    include: []\n");
		PackagedCli.Result result = expectInvalid(37, "`displayName.include: []`: would select every group", cli,
				"apply", file);
		assertThat(result.err()).contains("bad.yaml:4: field 'filters.displayName.include' is empty");
	}

	private String anyGroupToChange() {
		return DisableAll.groupsToChange(sim.tenant().unifiedGroups()).iterator().next();
	}

}
