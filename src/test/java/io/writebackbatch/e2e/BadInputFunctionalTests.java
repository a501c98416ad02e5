package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the CLI against a fresh simulated tenant: each case must exit with the documented code, say
 * clearly on stderr what is wrong and how to fix it, leak no stack trace, and change nothing in the tenant. The
 * cases are also written to {@code target/bad-input-catalogue.md}, the README's bad-input table.
 */
class BadInputFunctionalTests {

	/** Catalogue rows by case number, so the table keeps its order whatever order the tests run in. */
	private static final Map<Integer, String> ROWS = new ConcurrentHashMap<>();

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("test-token").readOnlyToken("read-only-token")
			.seed(7).unifiedGroups(60).nonUnifiedGroups(6).build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
	}

	@AfterEach
	void stopSimulator() {
		sim.close();
	}

	@Test
	void malformedYaml() throws IOException {
		Path file = definition("action: disable\nfilters:\n  displayName:\n    include: [\"unbalanced\nmaxChanges: 5\n");
		Cli.Result result = expectInvalid(1, "malformed YAML (unbalanced quote)", cli, "plan", file);
		assertThat(result.err()).contains("bad.yaml:").contains("not valid YAML");
	}

	@Test
	void unknownField() throws IOException {
		Path file = definition("acton: disable\n");
		Cli.Result result = expectInvalid(2, "unknown field `acton: disable`", cli, "plan", file);
		assertThat(result.err()).contains("bad.yaml:1").contains("unknown field 'acton'").contains("action")
			.contains("filters").contains("maxChanges");
	}

	@Test
	void invalidRegex() throws IOException {
		Path file = definition("action: disable\nfilters:\n  displayName:\n    include:\n      - \"([a-z\"\n");
		Cli.Result result = expectInvalid(3, "invalid regex in `filters.displayName.include`", cli, "plan", file);
		assertThat(result.err()).contains("bad.yaml:5").contains("filters.displayName.include")
			.contains("invalid regular expression '([a-z'");
	}

	@Test
	void unknownAction() throws IOException {
		Path file = definition("action: delete\n");
		Cli.Result result = expectInvalid(4, "unknown action `action: delete`", cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:1").contains("field 'action'").contains("'delete' is not allowed")
			.contains("use one of disable, enable");
	}

	@Test
	void unknownOnPremisesGroupType() throws IOException {
		Path file = definition("action: enable\nonPremisesGroupType: bogus\n");
		Cli.Result result = expectInvalid(5, "`onPremisesGroupType: bogus` with `action: enable`", cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:2").contains("onPremisesGroupType").contains("bogus")
			.contains("universalSecurityGroup");
	}

	@Test
	void createdAfterAfterCreatedBefore() throws IOException {
		Path file = definition("action: disable\nfilters:\n  createdAfter: 2025-06-01\n  createdBefore: 2025-01-01\n");
		Cli.Result result = expectInvalid(6, "`createdAfter` later than `createdBefore`", cli, "plan", file);
		assertThat(result.err()).contains("bad.yaml:").contains("createdAfter").contains("must be before createdBefore");
	}

	@Test
	void missingDefinitionFile() {
		Cli.Result result = expectInvalid(7, "missing definition file", cli, "plan", dir.resolve("absent.yaml"));
		assertThat(result.err()).contains("no such job definition").contains("absent.yaml")
			.contains("check the --definition path");
	}

	@Test
	void idListWithNonGuidLine() throws IOException {
		Files.writeString(dir.resolve("ids.txt"),
				"# groups to enable\n00000000-0000-4000-8000-000000000002\nFinance Team\n");
		Path file = definition("action: enable\nonPremisesGroupType: universalSecurityGroup\nfilters:\n  idsFile: ids.txt\n");
		Cli.Result result = expectInvalid(8, "id list file (`filters.idsFile`) with a non-GUID line", cli, "apply", file);
		assertThat(result.err()).contains("ids.txt:3").contains("'Finance Team' is not a group object id");
	}

	@Test
	void missingCredentials() {
		Cli noToken = cli.with("writeback.graph.access-token", "");
		Cli.Result result = expectInvalid(9, "no credential (GRAPH_ACCESS_TOKEN unset, no azure-identity configuration)",
				noToken, "plan", Path.of("jobs/disable-all.yaml"));
		assertThat(result.err()).contains("GRAPH_ACCESS_TOKEN").contains("AZURE_CLIENT_ID");
	}

	@Test
	void wrongToken() {
		Cli wrong = cli.with("writeback.graph.access-token", "expired-token");
		Cli.Result result = expectInvalid(10, "wrong or expired token (Graph answers 401)", wrong, "plan",
				Path.of("jobs/disable-all.yaml"));
		assertThat(result.err()).contains("401").contains("expired");
	}

	@Test
	void missingWritePermission() {
		Cli readOnly = cli.with("writeback.graph.access-token", "read-only-token");
		Cli.Result result = expectInvalid(11, "`apply` with a token lacking Group.ReadWrite.All (Graph answers 403)",
				readOnly, "apply", Path.of("jobs/disable-all.yaml"));
		assertThat(result.err()).contains("403").contains("Insufficient privileges").contains("Group.ReadWrite.All");
	}

	@Test
	void plainHttpToARemoteHost() {
		Cli remote = cli.with("writeback.graph.base-url", "http://example.com/beta");
		Cli.Result result = expectInvalid(12, "`GRAPH_BASE_URL` plain http to a non-loopback host", remote, "plan",
				Path.of("jobs/disable-all.yaml"));
		assertThat(result.err()).contains("http://example.com/beta").contains("use https");
	}

	private Path definition(String yaml) throws IOException {
		Path file = dir.resolve("bad.yaml");
		Files.writeString(file, yaml);
		return file;
	}

	/** Runs the command, checks what every bad input must satisfy, and records the catalogue row. */
	private Cli.Result expectInvalid(int number, String input, Cli cli, String command, Path definition) {
		Cli.Result result = cli.run(command, "--definition", definition.toString());

		assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
		assertThat(result.err()).as("stderr").startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(sim.audit()).as("nothing changed").isEmpty();
		String firstLine = result.err().lines().findFirst().orElse("").replace(dir.toAbsolutePath() + "/", "");
		ROWS.put(number, "| " + input + " (`" + command + "`) | " + cell(firstLine) + " | " + result.exitCode() + " |");
		return result;
	}

	private static String cell(String text) {
		return "`" + text.replace("`", "'").replace("|", "\\|") + "`";
	}

	@AfterAll
	static void writeCatalogue() throws IOException {
		StringBuilder table = new StringBuilder("| input | message (first line of stderr) | exit code |\n|---|---|---|\n");
		new TreeMap<>(ROWS).values().forEach(row -> table.append(row).append('\n'));
		Path target = Path.of("target");
		Files.createDirectories(target);
		Files.writeString(target.resolve("bad-input-catalogue.md"), table);
	}
}
