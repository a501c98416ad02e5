package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials, settings, the job repository at start-up and hostile listing answers, through the CLI: each case exits
 * with its documented code, says on stderr what is wrong, prints no stack trace and leaves the tenant as intended.
 * Catalogue cases 150-199.
 */
class ListingAndCredentialFunctionalTests {

	static final Path DISABLE_ALL = Path.of("jobs/disable-all.yaml");

	GraphSimulator sim;

	@TempDir
	Path dir;

	Cli cli;

	@BeforeEach
	void setUp() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("test-token").seed(11).unifiedGroups(30)
			.nonUnifiedGroups(3).build());
		cli = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
	}

	@AfterEach
	void stopSimulator() {
		sim.close();
	}

	@Test
	void tokenWithALineBreak() {
		Cli.Result result = expect(150, "`GRAPH_ACCESS_TOKEN` with a line break inside", 2,
				cli.with("writeback.graph.access-token", "eyJhbGciOi\r\nInjected: header"), "plan");
		assertThat(result.err()).contains("contains a line break at position 11").contains("GRAPH_ACCESS_TOKEN");
	}

	@Test
	void tokenWithNonAsciiCharacters() {
		Cli.Result result = expect(151, "`GRAPH_ACCESS_TOKEN` with a non-ASCII character", 2,
				cli.with("writeback.graph.access-token", "eyJhbGciOi\u00e9abc"), "plan");
		assertThat(result.err()).contains("non-ASCII character (U+00E9) at position 11");
	}

	@Test
	void tokenFileThatNeverEnds() {
		Cli.Result result = expect(152, "`GRAPH_ACCESS_TOKEN_FILE=/dev/zero` (a file that never ends)", 2,
				tokenFile("/dev/zero"), "plan");
		assertThat(result.err()).contains("/dev/zero").contains("is not a regular file");
	}

	@Test
	void tokenFileThatIsAFifo() throws Exception {
		Path fifo = dir.resolve("token.fifo");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		Cli.Result result = expect(153, "`GRAPH_ACCESS_TOKEN_FILE` naming a FIFO no one writes to", 2,
				tokenFile(fifo.toString()), "plan");
		assertThat(result.err()).contains("token.fifo").contains("is not a regular file");
	}

	@Test
	void tokenFileTooLarge() throws IOException {
		Path big = dir.resolve("token.txt");
		Files.writeString(big, "a".repeat(70_000));
		Cli.Result result = expect(154, "`GRAPH_ACCESS_TOKEN_FILE` of 70 KB", 2, tokenFile(big.toString()), "plan");
		assertThat(result.err()).contains("is larger than 64 KiB");
	}

	@Test
	void pageSizeZero() {
		Cli.Result result = expect(155, "setting `writeback.graph.page-size=0`", 2,
				cli.with("writeback.graph.page-size", "0"), "plan");
		assertThat(result.err()).contains("writeback.graph.page-size must be 1..999");
	}

	@Test
	void malformedDuration() {
		Cli.Result result = expect(156, "setting `writeback.graph.max-retry-wait=soon`", 2,
				cli.with("writeback.graph.max-retry-wait", "soon"), "plan");
		assertThat(result.err()).contains("setting writeback.graph.max-retry-wait = 'soon' is not valid");
	}

	@Test
	void h2FileHeldByAnotherProcess() throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("held/writeback");
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), HoldH2File.class.getName(), url).redirectErrorStream(true).start();
		try {
			assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine()).startsWith("holding");
			Cli.Result result = expect(157, "the H2 job-repository file held by another process", 4,
					cli.with("spring.datasource.url", url), "plan");
			assertThat(result.err()).startsWith("refused: another run is in progress");
		}
		finally {
			holder.destroy();
			holder.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void databaseUnreachableAtStartUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Cli.Result result = expect(158, "PostgreSQL job repository unreachable at start-up (connection refused)", 3,
				cli.with("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/writeback"), "plan");
		assertThat(result.err()).contains("is unreachable or failing").contains("run again");
	}

	@Test
	void databaseHostNotResolvable() {
		Cli.Result result = expect(159, "PostgreSQL host name that does not resolve (DNS)", 3,
				cli.with("spring.datasource.url", "jdbc:postgresql://writeback-db.invalid:5432/writeback"), "plan");
		assertThat(result.err()).contains("is unreachable or failing").contains("writeback-db.invalid");
	}

	@Test
	void baseUrlWithAPathPrefix() {
		Cli.Result result = expect(160, "`GRAPH_BASE_URL` with a path prefix (`https://proxy.example/graph/beta`)", 2,
				cli.with("writeback.graph.base-url", "https://proxy.example/graph/beta"), "plan");
		assertThat(result.err()).contains("has a path prefix before /beta");
	}

	@Test
	void httpsHostThatIsNotGraphWithoutAScope() {
		Cli.Result result = expect(161, "`GRAPH_BASE_URL` on a host that is not Graph's, no scope set", 2,
				cli.with("writeback.graph.base-url", "https://graph-proxy.example/beta"), "plan");
		assertThat(result.err()).contains("is none of Microsoft Graph's").contains("writeback.graph.cloud.scope");
	}

	@Test
	void nextLinkThatPointsBackToItsOwnPage() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl())) {
			String[] linkToPageTwo = new String[1];
			gateway.tamperPages((page, json) -> {
				if (page == 1) {
					linkToPageTwo[0] = json.get("@odata.nextLink").asString();
				}
				else {
					json.put("@odata.nextLink", linkToPageTwo[0]); // page 2 links to itself
				}
			});
			Cli.Result result = expect(162, "a `@odata.nextLink` that points back to its own page (gateway)", 2,
					viaGateway(gateway, Map.of("writeback.graph.page-size", "10")), "plan");
			assertThat(result.err()).contains("goes round in circles: page 2's @odata.nextLink points back to the same page");
			assertThat(gateway.listingPagesServed()).isLessThan(10);
		}
	}

	@Test
	void sameGroupOnTwoPages() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl())) {
			ObjectNode[] firstOfPageOne = new ObjectNode[1];
			gateway.tamperPages((page, json) -> {
				ArrayNode value = (ArrayNode) json.get("value");
				if (page == 1) {
					firstOfPageOne[0] = (ObjectNode) value.get(0).deepCopy();
				}
				else if (page == 2) {
					value.add(firstOfPageOne[0]);
					value.add(firstOfPageOne[0]); // twice in one chunk as well
				}
			});
			Cli.Result result = expect(163, "the same group on two listing pages (and twice on one)", 0,
					viaGateway(gateway, Map.of("writeback.graph.page-size", "10")), "plan");
			assertThat(result.out()).contains("30");
		}
	}

	@Test
	void groupIdsAndTypesThatCannotBeUsed() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl())) {
			gateway.tamperPages((page, json) -> {
				ArrayNode value = (ArrayNode) json.get("value");
				if (page == 1) {
					((ObjectNode) value.get(0)).put("id", "..");
					((ObjectNode) value.get(1)).put("id", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70-and-more-than-36");
					((ObjectNode) value.get(2).get("writebackConfiguration")).put("onPremisesGroupType", "x".repeat(100));
				}
			});
			Cli.Result result = expect(164, "group ids `..` and longer than 36 characters, a 100-character "
					+ "`onPremisesGroupType` in a listing page", 0, viaGateway(gateway, Map.of()), "apply");
			assertThat(sim.audit()).as("the 27 usable groups were changed, nothing sent to a bad id")
				.allSatisfy(entry -> assertThat(entry.target()).hasSize(36));
		}
	}

	@Test
	void gatewayHtml502OnListingPages() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl()).badGatewayOnListingRequests(1, 3, 4)) {
			Cli.Result result = expect(165, "a gateway's HTML 502 page for the first page and (twice) for a nextLink page",
					0, viaGateway(gateway, Map.of("writeback.graph.page-size", "10")), "plan");
			assertThat(result.out()).as("the retried pages are the same pages").contains("| Unified groups read | 30 |");
			assertThat(gateway.listingPagesServed()).isEqualTo(3 + 3);
		}
	}

	@Test
	void gatewayErrorsOnEveryKindOfRead() {
		sim.faults(FaultConfig.none().gatewayErrorRate(0.3));
		Cli.Result result = expect(167, "30 % of requests answered by a gateway's HTML 502/504 (listing, count, "
				+ "settings, member counts)", 0, cli.with("writeback.graph.page-size", "5"), "plan");
		assertThat(result.out()).contains("| Unified groups read | 30 |");
	}

	@Test
	void roleAssignableGroupsWithoutRoleManagement() throws IOException {
		sim.close();
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("test-token").seed(11).unifiedGroups(30)
			.nonUnifiedGroups(3).roleAssignableGroups(2).build());
		Cli local = new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
		Set<String> roleAssignable = sim.roleAssignableGroupIds();
		Cli.Result result = expect(166, "role-assignable groups, app without RoleManagement.ReadWrite.Directory", 0,
				local.with("writeback.apply.max-failures", "0"), "apply");
		assertThat(DisableAll.patchedGroups(sim)).doesNotContainAnyElementsOf(roleAssignable).isNotEmpty();
		assertThat(result.out()).contains("| Failed | 2 |");
		List<String> rows = Files.readAllLines(dir.resolve("reports/1/groups.csv"));
		assertThat(rows).filteredOn(row -> roleAssignable.stream().anyMatch(row::startsWith)).hasSize(2)
			.allSatisfy(row -> assertThat(row).contains("WILL_CHANGE_ROLE_ASSIGNABLE")
				.contains("RoleManagement.ReadWrite.Directory").contains("403"));
	}

	private static Cli withSettings(Cli cli, Map<String, String> settings) {
		Cli changed = cli;
		for (Map.Entry<String, String> setting : settings.entrySet()) {
			changed = changed.with(setting.getKey(), setting.getValue());
		}
		return changed;
	}

	private Cli tokenFile(String file) {
		return cli.with("writeback.graph.access-token", "").with("writeback.graph.access-token-file", file);
	}

	private Cli viaGateway(TamperingGateway gateway, Map<String, String> settings) {
		return withSettings(cli.with("writeback.graph.base-url", gateway.baseUrl()), settings);
	}

	/**
	 * Runs the command on the disable-all definition and checks what every case must satisfy: the exit code, a message
	 * on stderr for a failure, no stack trace, and (for a refusal) nothing changed; then records the catalogue row.
	 */
	private Cli.Result expect(int number, String input, int exitCode, Cli cli, String command) {
		Cli.Result result = cli.run(command, "--definition", DISABLE_ALL.toString());

		assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
		assertThat(result.err()).as("stderr").doesNotContain("\tat ").doesNotContain("Exception");
		if (exitCode != 0) {
			assertThat(result.err()).as("stderr").matches("(?s)(error|refused): .*");
			assertThat(sim.audit()).as("nothing changed").isEmpty();
		}
		String firstLine = exitCode == 0 ? "(none: exit 0, " + command + " completes)"
				: result.err().lines().findFirst().orElse("").replace(dir.toAbsolutePath() + "/", "");
		Catalogue.row(number, input, command, firstLine, result.exitCode());
		return result;
	}

	@AfterAll
	static void writeCatalogue() {
		Catalogue.write();
	}
}
