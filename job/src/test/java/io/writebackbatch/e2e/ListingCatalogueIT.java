package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials, settings, the job repository at start-up and hostile listing answers,
 * through the packaged CLI (catalogue cases 150-199): a refusal exits with its documented
 * code, names the problem on stderr and changes nothing; a hostile answer the run absorbs
 * ends with exit 0 and exactly the intended groups changed.
 */
class ListingCatalogueIT extends PackagedCatalogue {

	static final Path DISABLE_ALL = BadInputCatalogueIT.DISABLE_ALL;

	@Case
	void tokenWithALineBreak() {
		PackagedCli.Result result = refused(150, "`GRAPH_ACCESS_TOKEN` with a line break inside", 2,
				cli.with("writeback.graph.access-token", "eyJhbGciOi\r\nInjected: header"), "plan");
		assertThat(result.err()).contains("contains a line break at position 11").contains("GRAPH_ACCESS_TOKEN");
	}

	@Case
	void tokenWithNonAsciiCharacters() {
		PackagedCli.Result result = refused(151, "`GRAPH_ACCESS_TOKEN` with a non-ASCII character", 2,
				cli.with("writeback.graph.access-token", "eyJhbGciOi\u00e9abc"), "plan");
		assertThat(result.err()).contains("non-ASCII character (U+00E9) at position 11");
	}

	@Case
	void tokenFileThatNeverEnds() {
		PackagedCli.Result result = refused(152, "`GRAPH_ACCESS_TOKEN_FILE=/dev/zero` (a file that never ends)", 2,
				tokenFile("/dev/zero"), "plan");
		assertThat(result.err()).contains("/dev/zero").contains("is not a regular file");
	}

	@Case
	void tokenFileThatIsAFifo() throws Exception {
		Path fifo = dir.resolve("token.fifo");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		PackagedCli.Result result = refused(153, "`GRAPH_ACCESS_TOKEN_FILE` naming a FIFO no one writes to", 2,
				tokenFile(fifo.toString()), "plan");
		assertThat(result.err()).contains("token.fifo").contains("is not a regular file");
	}

	@Case
	void tokenFileTooLarge() throws IOException {
		Path big = dir.resolve("token.txt");
		Files.writeString(big, "a".repeat(70_000));
		PackagedCli.Result result = refused(154, "`GRAPH_ACCESS_TOKEN_FILE` of 70 KB", 2, tokenFile(big.toString()),
				"plan");
		assertThat(result.err()).contains("is larger than 64 KiB");
	}

	@Case
	void pageSizeZero() {
		PackagedCli.Result result = refused(155, "setting `writeback.graph.page-size=0`", 2,
				cli.with("writeback.graph.page-size", "0"), "plan");
		assertThat(result.err()).contains("the settings under writeback.graph are not valid")
			.contains("writeback.graph.page-size must be 1..999");
	}

	@Case
	void malformedDuration() {
		PackagedCli.Result result = refused(156, "setting `writeback.graph.max-retry-wait=soon`", 2,
				cli.with("writeback.graph.max-retry-wait", "soon"), "plan");
		assertThat(result.err()).contains("setting writeback.graph.max-retry-wait = 'soon' is not valid")
			.contains("write a number and its unit, e.g. 30s, 330m, 7d");
	}

	@Case
	void durationWithoutUnit() {
		PackagedCli.Result result = refused(170, "setting `writeback.apply.max-duration=330` (no unit)", 2,
				cli.with("writeback.apply.max-duration", "330"), "plan");
		assertThat(result.err()).contains("setting writeback.apply.max-duration = '330' has no unit")
			.contains("Spring would read it as 330 milliseconds")
			.contains("e.g. 30s, 330m, 7d");
	}

	/**
	 * Was "error: IllegalArgumentException" and the scheduler's stack trace (exit 1); a
	 * negative number or duration of any setting is refused the same way
	 * (NegativeSettingsTests).
	 */
	@Case
	void repositoryCheckIntervalZero() {
		PackagedCli.Result result = refused(171, "setting `writeback.runs.repository-check-interval=0s`", 2,
				cli.with("writeback.runs.repository-check-interval", "0s"), "plan");
		assertThat(result.err()).contains("the settings under writeback.runs are not valid")
			.contains("writeback.runs.repository-check-interval must be positive, was PT0S");
	}

	/**
	 * Was "error: Chunk size must be greater than 0" and Spring's stack trace (exit 1).
	 */
	@Case
	void chunkSizeZero() {
		PackagedCli.Result result = refused(172, "setting `writeback.apply.chunk-size=0`", 2,
				cli.with("writeback.apply.chunk-size", "0"), "apply");
		assertThat(result.err()).contains("the settings under writeback.apply are not valid")
			.contains("writeback.apply.chunk-size must be at least 1");
	}

	/**
	 * Was a silent fall-back to azure-identity (signing in as whatever identity the pod
	 * has, or failing about AZURE_CLIENT_ID). The environment variable is the subject:
	 * the jar's own process.
	 */
	@Case(Lane.PACKAGED_JAR)
	void tokenVariableSetButEmpty() {
		PackagedCli.Result result = refused(173,
				"`GRAPH_ACCESS_TOKEN=` set but empty (an empty Kubernetes secret value), nothing else", 2,
				cli.with("writeback.graph.access-token", "").withEnv("GRAPH_ACCESS_TOKEN", ""), "plan");
		assertThat(result.err()).startsWith("error: GRAPH_ACCESS_TOKEN is set but empty")
			.contains("does not fall back to azure-identity")
			.contains("remove the variable to use azure-identity")
			.contains("or give the token in it");
	}

	@Case(Lane.PACKAGED_JAR)
	void tokenVariableOfWhiteSpaceOnly() {
		PackagedCli.Result result = refused(174, "`GRAPH_ACCESS_TOKEN` of white space only, nothing else", 2,
				cli.with("writeback.graph.access-token", "").withEnv("GRAPH_ACCESS_TOKEN", " \t "), "plan");
		assertThat(result.err()).startsWith("error: GRAPH_ACCESS_TOKEN is set but holds only white space")
			.contains("remove the variable to use azure-identity");
	}

	@Case(Lane.PACKAGED_JAR)
	void h2FileHeldByAnotherProcess() throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("held/writeback");
		try (HoldH2File held = HoldH2File.hold(url)) {
			PackagedCli.Result result = refused(157, "the H2 job-repository file held by another process", 4,
					cli.with("spring.datasource.url", url), "plan");
			assertThat(result.err()).startsWith("refused: another run is in progress");
		}
	}

	/**
	 * Was "Exception in thread main" and the trace of Spring Boot's
	 * IllegalArgumentException ("Unknown format 'json'"), before any command ran.
	 */
	@Case(Lane.PACKAGED_JAR)
	void structuredLogsOfAnUnknownFormat() {
		PackagedCli.Result result = refused(177,
				"`LOGGING_STRUCTURED_FORMAT_CONSOLE=json` (not a format Spring Boot knows)", 2,
				cli.withEnv("LOGGING_STRUCTURED_FORMAT_CONSOLE", "json"), "plan");
		assertThat(result.err()).startsWith("error: structured logs cannot be set up")
			.contains("Unknown format 'json'")
			.contains("give ecs, gelf or logstash");
	}

	/**
	 * Was exit 1 and SnakeYAML's trace on stdout and stderr, naming no file ("in
	 * 'reader', line 2").
	 */
	@Case(Lane.PACKAGED_JAR)
	void configurationFileIndentedWithATab() throws IOException {
		Files.writeString(Files.createDirectories(dir.resolve("config")).resolve("application.yaml"),
				"writeback:\n\tgraph:\n  page-size: 5\n");
		PackagedCli.Result result = refused(178, "`config/application.yaml` in the working folder indented with a TAB",
				2, cli, "plan");
		assertThat(result.err())
			.startsWith("error: a configuration file cannot be read (not valid YAML at line 2, column 1")
			.contains("check config/application.yaml in the working folder");
	}

	/** Was exit 1 and Spring's ConfigDataResourceNotFoundException with its trace. */
	@Case
	void configurationLocationThatIsNotThere() {
		PackagedCli.Result result = refused(179, "`SPRING_CONFIG_ADDITIONAL_LOCATION` naming a file that is not there",
				2, cli.with("spring.config.additional-location", "file:" + dir.resolve("nope.yaml")), "plan");
		assertThat(result.err()).startsWith("error: a configuration file cannot be read (Config data resource")
			.contains("nope.yaml");
	}

	@Case
	void databaseUnreachableAtStartUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		PackagedCli.Result result = refused(158,
				"PostgreSQL job repository unreachable at start-up (connection refused)", 3,
				cli.with("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/writeback"), "plan");
		assertThat(result.err()).contains("is unreachable or failing").contains("run again");
	}

	@Case
	void databaseHostNotResolvable() {
		PackagedCli.Result result = refused(159, "PostgreSQL host name that does not resolve (DNS)", 3,
				cli.with("spring.datasource.url", "jdbc:postgresql://writeback-db.invalid:5432/writeback"), "plan");
		assertThat(result.err()).contains("is unreachable or failing: no such host (DNS): writeback-db.invalid");
	}

	@Case
	void baseUrlWithAPathPrefix() {
		PackagedCli.Result result = refused(160,
				"`GRAPH_BASE_URL` with a path prefix (`https://proxy.example/graph/beta`)", 2,
				cli.with("writeback.graph.base-url", "https://proxy.example/graph/beta"), "plan");
		assertThat(result.err()).contains("has a path prefix before /beta");
	}

	@Case
	void httpsHostThatIsNotGraphWithoutAScope() {
		PackagedCli.Result result = refused(161, "`GRAPH_BASE_URL` on a host that is not Graph's, no scope set", 2,
				cli.with("writeback.graph.base-url", "https://graph-proxy.example/beta"), "plan");
		assertThat(result.err()).contains("is none of Microsoft Graph's").contains("writeback.graph.cloud.scope");
	}

	@Case
	void nextLinkThatPointsBackToItsOwnPage() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl())) {
			String[] linkToPageTwo = new String[1];
			gateway.tamperPages((page, json) -> {
				if (page == 1) {
					linkToPageTwo[0] = json.get("@odata.nextLink").asString();
				}
				else {
					json.put("@odata.nextLink", linkToPageTwo[0]); // page 2 links to
																	// itself
				}
			});
			PackagedCli.Result result = refused(162, "a `@odata.nextLink` that points back to its own page (gateway)",
					2, viaGateway(gateway, Map.of("writeback.graph.page-size", "10")), "plan");
			assertThat(result.err())
				.contains("goes round in circles: page 2's @odata.nextLink points back to the same page");
			assertThat(gateway.listingPagesServed()).isLessThan(10);
		}
	}

	@Case
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
			PackagedCli.Result result = completed(163, "the same group on two listing pages (and twice on one)",
					List.of(), viaGateway(gateway, Map.of("writeback.graph.page-size", "10")), "plan");
			assertThat(result.out()).contains("| Unified groups read | 60 |");
		}
	}

	@Case
	void groupIdsAndTypesThatCannotBeUsed() throws IOException {
		List<String> firstThree = firstListedGroups(3);
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl())) {
			gateway.tamperPages((page, json) -> {
				ArrayNode value = (ArrayNode) json.get("value");
				if (page == 1) {
					((ObjectNode) value.get(0)).put("id", "..");
					((ObjectNode) value.get(1)).put("id", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70-and-more-than-36");
					((ObjectNode) value.get(2).get("writebackConfiguration")).put("onPremisesGroupType",
							"x".repeat(100));
				}
			});
			List<String> intended = DisableAll.groupsToChange(sim.tenant().unifiedGroups())
				.stream()
				.filter(id -> !firstThree.contains(id))
				.toList();
			completed(164,
					"group ids `..` and longer than 36 characters, a 100-character `onPremisesGroupType` in a "
							+ "listing page (the three left out, each named in a log line)",
					intended, viaGateway(gateway, Map.of()), "apply");
		}
	}

	@Case
	void gatewayHtml502OnListingPages() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl()).badGatewayOnListingRequests(1, 3, 4)) {
			PackagedCli.Result result = completed(165,
					"a gateway's HTML 502 page for the first page and (twice) for a " + "nextLink page", List.of(),
					viaGateway(gateway, Map.of("writeback.graph.page-size", "10")), "plan");
			assertThat(result.out()).as("the retried pages are the same pages")
				.contains("| Unified groups read | 60 |");
			assertThat(gateway.listingPagesServed()).isEqualTo(6 + 3);
		}
	}

	@Case
	void gatewayErrorsOnEveryKindOfRead() {
		sim.faults(FaultConfig.none().gatewayErrorRate(0.3));
		PackagedCli.Result result = completed(167,
				"30 % of requests answered by a gateway's HTML 502/504 (listing, count, " + "settings, member counts)",
				List.of(), cli.with("writeback.graph.page-size", "5"), "plan");
		assertThat(result.out()).contains("| Unified groups read | 60 |");
	}

	@Case
	void roleAssignableGroupsWithoutRoleManagement() throws IOException {
		sim.close();
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("test-token")
			.seed(7)
			.unifiedGroups(60)
			.nonUnifiedGroups(6)
			.roleAssignableGroups(3)
			.build());
		PackagedCli local = cli(sim);
		Set<String> toChange = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		List<String> denied = sim.roleAssignableGroupIds().stream().filter(toChange::contains).toList();
		List<String> intended = toChange.stream().filter(id -> !denied.contains(id)).toList();
		assertThat(denied).as("role-assignable groups the run must try to change").isNotEmpty();
		PackagedCli.Result result = completed(166,
				"role-assignable groups, app without RoleManagement.ReadWrite.Directory "
						+ "(`max-failures: 0`; planned as WILL_CHANGE_ROLE_ASSIGNABLE, their 403s not counted)",
				intended, local.with("writeback.apply.max-failures", "0"), "apply");
		assertThat(result.out()).contains("| Failed | " + denied.size() + " |");
		List<String> rows = Files.readAllLines(dir.resolve("reports").resolve(runId(result)).resolve("groups.csv"));
		assertThat(rows).filteredOn(row -> denied.stream().anyMatch(row::startsWith))
			.hasSize(denied.size())
			.allSatisfy(row -> assertThat(row).contains("WILL_CHANGE_ROLE_ASSIGNABLE")
				.contains("RoleManagement.ReadWrite.Directory")
				.contains("PrivilegedAccess.ReadWrite.AzureADGroup")
				.contains("disagree")
				.contains("403"));
	}

	@Case
	void baseUrlWithAQueryString() {
		String withQuery = sim.baseUrl() + "?api-version=1";
		PackagedCli.Result result = refused(168, "`GRAPH_BASE_URL` with a query string (`.../beta?api-version=1`)", 2,
				cli.with("writeback.graph.base-url", withQuery), "plan");
		assertThat(result.err()).contains("GRAPH_BASE_URL (writeback.graph.base-url)")
			.contains("a query string ('?api-version=1')")
			.contains("remove it, e.g. " + sim.baseUrl());
	}

	@Case
	void authorityHostWithAFragment() {
		PackagedCli.Result result = refused(169,
				"`writeback.graph.cloud.authority-host` with a fragment (`https://login.microsoftonline.us#x`)", 2,
				cli.with("writeback.graph.cloud.authority-host", "https://login.microsoftonline.us#x"), "plan");
		assertThat(result.err()).contains("writeback.graph.cloud.authority-host (WRITEBACK_GRAPH_CLOUD_AUTHORITYHOST)")
			.contains("a fragment ('#x')")
			.contains("remove it, e.g. https://login.microsoftonline.us");
	}

	/**
	 * A refusal: the exit code, "error:" or "refused:" first on stderr, no trace, nothing
	 * changed.
	 */
	private PackagedCli.Result refused(int number, String input, int exitCode, PackagedCli cli, String command) {
		PackagedCli.Result result = expectChanged(number, input, exitCode, List.of(), cli, command, "--definition",
				DISABLE_ALL.toString());
		assertThat(result.err()).as("stderr").matches("(?s)(error|refused): .*");
		return result;
	}

	/**
	 * A hostile answer the run absorbs: exit 0, no trace, exactly {@code patched}
	 * changed.
	 */
	private PackagedCli.Result completed(int number, String input, List<String> patched, PackagedCli cli,
			String command) {
		return expectChanged(number, input, 0, patched, cli, command, "--definition", DISABLE_ALL.toString());
	}

	private PackagedCli tokenFile(String file) {
		return cli.with("writeback.graph.access-token", "").with("writeback.graph.access-token-file", file);
	}

	private PackagedCli viaGateway(TamperingGateway gateway, Map<String, String> settings) {
		PackagedCli through = cli.with("writeback.graph.base-url", gateway.baseUrl());
		for (Map.Entry<String, String> setting : settings.entrySet()) {
			through = through.with(setting.getKey(), setting.getValue());
		}
		return through;
	}

	/**
	 * The ids of the first groups of the unified listing, as Graph (the simulator) lists
	 * them.
	 */
	private List<String> firstListedGroups(int n) throws IOException {
		HttpRequest request = HttpRequest
			.newBuilder(URI
				.create(sim.baseUrl() + "/groups?$filter=groupTypes/any(c:c%20eq%20'Unified')&$select=id&$top=" + n))
			.header("Authorization", "Bearer " + sim.token())
			.build();
		try {
			String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
			List<String> ids = new ArrayList<>();
			JsonMapper.builder()
				.build()
				.readTree(body)
				.get("value")
				.forEach(group -> ids.add(group.get("id").asString()));
			return ids;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

	private static String runId(PackagedCli.Result result) {
		Matcher run = Pattern.compile("# writeback-batch run (\\d+)").matcher(result.out());
		assertThat(run.find()).as(result.out()).isTrue();
		return run.group(1);
	}

}
