package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * The first cases of the bad-input catalogue (definitions, credentials, Graph answers,
 * the job repository), each through the packaged CLI against a fresh simulated tenant
 * ({@link PackagedCatalogue}).
 */
class BadInputCatalogueIT extends PackagedCatalogue {

	/**
	 * The example definition, by absolute path: the CLI runs in the case's own folder.
	 */
	static final Path DISABLE_ALL = Path.of("jobs/disable-all.yaml").toAbsolutePath();

	@Case
	void malformedYaml() throws IOException {
		Path file = definition(
				"action: disable\nfilters:\n  displayName:\n    include: [\"unbalanced\nmaxChanges: 5\n");
		PackagedCli.Result result = expectInvalid(1, "malformed YAML (unbalanced quote)", cli, "plan", file);
		assertThat(result.err()).contains("bad.yaml:").contains("not valid YAML");
	}

	@Case
	void unknownField() throws IOException {
		Path file = definition("acton: disable\n");
		PackagedCli.Result result = expectInvalid(2, "unknown field `acton: disable`", cli, "plan", file);
		assertThat(result.err()).contains("bad.yaml:1")
			.contains("unknown field 'acton'")
			.contains("action")
			.contains("filters")
			.contains("maxChanges");
	}

	@Case
	void invalidRegex() throws IOException {
		Path file = definition("action: disable\nfilters:\n  displayName:\n    include:\n      - \"([a-z\"\n");
		PackagedCli.Result result = expectInvalid(3, "invalid regex in `filters.displayName.include`", cli, "plan",
				file);
		assertThat(result.err()).contains("bad.yaml:5")
			.contains("filters.displayName.include")
			.contains("invalid regular expression '([a-z'");
	}

	@Case
	void unknownAction() throws IOException {
		Path file = definition("action: delete\n");
		PackagedCli.Result result = expectInvalid(4, "unknown action `action: delete`", cli, "apply", file);
		assertThat(result.err()).contains("bad.yaml:1")
			.contains("field 'action'")
			.contains("'delete' is not allowed")
			.contains("use one of disable, enable");
	}

	@Case
	void unknownOnPremisesGroupType() throws IOException {
		Path file = definition("action: enable\nonPremisesGroupType: bogus\n");
		PackagedCli.Result result = expectInvalid(5, "`onPremisesGroupType: bogus` with `action: enable`", cli, "apply",
				file);
		assertThat(result.err()).contains("bad.yaml:2")
			.contains("onPremisesGroupType")
			.contains("bogus")
			.contains("universalSecurityGroup");
	}

	@Case
	void createdAfterAfterCreatedBefore() throws IOException {
		Path file = definition("action: disable\nfilters:\n  createdAfter: 2025-06-01\n  createdBefore: 2025-01-01\n");
		PackagedCli.Result result = expectInvalid(6, "`createdAfter` later than `createdBefore`", cli, "plan", file);
		assertThat(result.err()).contains("bad.yaml:")
			.contains("createdAfter")
			.contains("must be before createdBefore");
	}

	@Case
	void missingDefinitionFile() {
		PackagedCli.Result result = expectInvalid(7, "missing definition file", cli, "plan",
				dir.resolve("absent.yaml"));
		assertThat(result.err()).contains("no such job definition")
			.contains("absent.yaml")
			.contains("check the --definition path");
	}

	@Case
	void idListWithNonGuidLine() throws IOException {
		Files.writeString(dir.resolve("ids.txt"),
				"# groups to enable\n00000000-0000-4000-8000-000000000002\nFinance Team\n");
		Path file = definition(
				"action: enable\nonPremisesGroupType: universalSecurityGroup\nfilters:\n  idsFile: ids.txt\n");
		PackagedCli.Result result = expectInvalid(8, "id list file (`filters.idsFile`) with a non-GUID line", cli,
				"apply", file);
		assertThat(result.err()).contains("ids.txt:3").contains("'Finance Team' is not a group object id");
	}

	@Case
	void missingCredentials() {
		PackagedCli noToken = cli.with("writeback.graph.access-token", "");
		PackagedCli.Result result = expectInvalid(9,
				"no credential (GRAPH_ACCESS_TOKEN unset, no azure-identity configuration)", noToken, "plan",
				DISABLE_ALL);
		assertThat(result.err()).contains("GRAPH_ACCESS_TOKEN").contains("AZURE_CLIENT_ID");
	}

	@Case
	void wrongToken() {
		PackagedCli wrong = cli.with("writeback.graph.access-token", "expired-token");
		PackagedCli.Result result = expectInvalid(10, "wrong or expired token (Graph answers 401)", wrong, "plan",
				DISABLE_ALL);
		assertThat(result.err()).contains("401").contains("expired");
	}

	@Case
	void missingWritePermission() {
		PackagedCli readOnly = cli.with("writeback.graph.access-token", "read-only-token");
		PackagedCli.Result result = expectInvalid(11,
				"`apply` with a token lacking Group.ReadWrite.All (Graph answers 403)", readOnly, "apply", DISABLE_ALL);
		assertThat(result.err()).contains("403").contains("Insufficient privileges").contains("Group.ReadWrite.All");
	}

	@Case
	void plainHttpToARemoteHost() {
		PackagedCli remote = cli.with("writeback.graph.base-url", "http://example.com/beta");
		PackagedCli.Result result = expectInvalid(12, "`GRAPH_BASE_URL` plain http to a non-loopback host", remote,
				"plan", DISABLE_ALL);
		assertThat(result.err()).contains("http://example.com/beta").contains("use https");
	}

	@Case
	void anIdBothIncludedAndExcluded() throws IOException {
		String id = "00000000-0000-4000-8000-000000000002";
		Path file = definition("action: disable\nfilters:\n  ids: [" + id + "]\n  excludeIds: [" + id + "]\n");
		PackagedCli.Result result = expectInvalid(13, "conflicting filters: one id both in `ids` and `excludeIds`", cli,
				"plan", file);
		assertThat(result.err()).contains("both included and excluded").contains(id);
	}

	@Case
	void hugeIdList() throws IOException {
		Path ids = dir.resolve("huge.txt");
		try (var out = Files.newBufferedWriter(ids)) {
			for (long i = 0; i <= 2_000_000; i++) {
				out.write(String.format("00000000-0000-4000-8000-%012d%n", i));
			}
		}
		Path file = definition("action: disable\nfilters:\n  excludeIdsFile: huge.txt\n");
		PackagedCli.Result result = expectInvalid(14, "id list of more than 2,000,000 ids", cli, "plan", file);
		assertThat(result.err()).contains("huge.txt").contains("more than 2000000 ids");
	}

	@Case
	void graphErrorBodyThatIsNotJson() throws IOException {
		try (StubGraph gateway = StubGraph.answering(502, "text/html", "<html><body>502 Bad Gateway</body></html>")) {
			PackagedCli.Result result = expect(15, "an error answer that is not Graph's JSON (a proxy's 502 HTML page)",
					3, cli.with("writeback.graph.base-url", gateway.baseUrl()), "plan", "--definition",
					DISABLE_ALL.toString());
			assertThat(result.err()).contains("not Graph's JSON").contains("text/html").contains("resume");
			assertThat(gateway.writes()).isZero();
		}
	}

	@Case
	void truncatedPage() throws IOException {
		try (StubGraph truncated = StubGraph.answering(200, "application/json",
				"{\"@odata.context\":\"x\",\"value\":[{\"id\":\"0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70\",\"displayName\":\"Te")) {
			PackagedCli.Result result = expect(16, "a truncated group page", 3,
					cli.with("writeback.graph.base-url", truncated.baseUrl()), "plan", "--definition",
					DISABLE_ALL.toString());
			assertThat(result.err()).contains("could not be read").contains("resume");
			assertThat(truncated.writes()).isZero();
		}
	}

	@Case
	void nextLinkToAnotherHost() throws IOException {
		try (StubGraph foreign = StubGraph.answering(200, "application/json",
				"{\"value\":[{\"id\":" + "\"0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70\",\"displayName\":\"Team\","
						+ "\"writebackConfiguration\":{\"isEnabled\":null,\"onPremisesGroupType\":null}}],"
						+ "\"@odata.nextLink\":" + "\"https://graph.evil.example/beta/groups?$skiptoken=abc\"}")) {
			PackagedCli.Result result = expectInvalid(17, "a `@odata.nextLink` to another host",
					cli.with("writeback.graph.base-url", foreign.baseUrl()), "plan", DISABLE_ALL);
			assertThat(result.err()).contains("refusing to follow a nextLink to graph.evil.example");
			assertThat(foreign.targets())
				.as("the listing pages asked for (besides the group count and the token's tenant): the first only")
				.filteredOn(
						target -> !target.startsWith("/beta/groups/$count") && !target.startsWith("/beta/organization"))
				.hasSize(1);
		}
	}

	@Case
	void corruptedJobRepository() throws IOException {
		Path db = dir.resolve("corrupt/writeback");
		Files.createDirectories(db.getParent());
		Files.write(dir.resolve("corrupt/writeback.mv.db"), "this is not an H2 database file".repeat(200).getBytes());
		PackagedCli.Result result = expectInvalid(18, "a corrupted job-repository database file",
				cli.with("spring.datasource.url", "jdbc:h2:file:" + db), "plan", DISABLE_ALL);
		assertThat(result.err()).contains("cannot open the job repository").contains("SPRING_DATASOURCE_URL");
	}

	@Case
	void foreignJobRepository() throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("foreign/app");
		try (var connection = DriverManager.getConnection(url, "sa", "");
				var statement = connection.createStatement()) {
			statement.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40))");
		}
		PackagedCli.Result result = expectInvalid(19, "another application's database as job repository",
				cli.with("spring.datasource.url", url), "plan", DISABLE_ALL);
		assertThat(result.err()).contains("cannot open the job repository").contains("non-empty");
	}

}
