package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive sign-in through the CLI without a live identity provider: the job's own JVM signs in by device code
 * against a loopback Entra authority ({@link FakeEntraAuthority}), plans against the simulator with the token it was
 * issued, and the next command of the sitting (an apply needing more permissions) signs in silently from the
 * persistent cache. Plus the sign-in's bad inputs, for the README's catalogue (cases 260-269).
 */
class SignInFunctionalTests {

	static final Path DEFINITION = Path.of("jobs/disable-all.yaml");

	@TempDir
	Path dir;

	GraphSimulator sim;

	@BeforeEach
	void startTenant() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder().port(0).token("delegated-" + UUID.randomUUID())
			.seed(11).unifiedGroups(40).build());
	}

	@AfterEach
	void stopTenant() {
		sim.close();
	}

	@AfterAll
	static void writeCatalogue() {
		Catalogue.write();
	}

	@Test
	void deviceCodePromptsOnStderrOnceAndTheNextCommandSignsInFromTheCache() throws Exception {
		Set<String> toChange = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		String clientId = UUID.randomUUID().toString();
		try (FakeEntraAuthority authority = FakeEntraAuthority.start(dir, sim.token(),
				"refresh-" + UUID.randomUUID(), FakeEntraAuthority.Outcome.SIGNED_IN)) {
			CliProcess job = CliProcess.withEnv(environment(authority, clientId));

			CliProcess.Result plan = job.run("plan", "--definition", DEFINITION.toString(), "--sign-in", "device-code");

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			assertThat(plan.err()).contains("sign-in: this run asks for Group.Read.All on your behalf (app " + clientId)
				.contains("sign-in: To sign in, use a web browser to open the page " + authority.host()
						+ "/devicelogin and enter the code WBTEST-42")
				.doesNotContain("\tat ");
			assertThat(plan.out()).as("the prompt is not in the report output").doesNotContain("WBTEST-42");
			assertThat(authority.tokenRequests()).as("polled while pending, then issued").hasSize(2).allSatisfy(form -> {
				assertThat(form).containsEntry("client_id", clientId).containsEntry("grant_type", "device_code");
				assertThat(form.get("scope")).contains("https://graph.microsoft.com/Group.Read.All")
					.doesNotContain("ReadWrite");
			});
			assertThat(sim.audit()).as("plan changes nothing").isEmpty();
			assertCacheIsOwnerOnlyAndHoldsTheOnlyCopy(sim.token());

			CliProcess.Result apply = job.run("apply", "--definition", DEFINITION.toString(), "--sign-in", "device-code");

			assertThat(apply.exitCode()).as(apply.all()).isZero();
			assertThat(apply.err()).as("no second prompt").doesNotContain("To sign in").doesNotContain("sign-in:");
			assertThat(authority.requests()).as("one device-code flow in the sitting")
				.filteredOn(r -> r.endsWith("/devicecode")).hasSize(1);
			Map<String, String> renewal = authority.tokenRequests().get(authority.tokenRequests().size() - 1);
			assertThat(renewal).containsEntry("grant_type", "refresh_token").containsEntry("client_id", clientId);
			assertThat(renewal.get("scope")).as("apply asks for write access")
				.contains("https://graph.microsoft.com/Group.ReadWrite.All");
			DisableAll.assertApplied(sim, toChange);
			assertCacheIsOwnerOnlyAndHoldsTheOnlyCopy(sim.token());
		}
	}

	@Test
	void browserSignInCompletesTheAuthorizationCodeFlowThroughTheLoopbackRedirect() throws Exception {
		assumeTrue(System.getProperty("os.name").startsWith("Linux") && onPath("curl"),
				"MSAL starts the browser with xdg-open on Linux only; the stand-in browser needs curl");
		String clientId = UUID.randomUUID().toString();
		try (FakeEntraAuthority authority = FakeEntraAuthority.start(dir, sim.token(), "refresh-" + UUID.randomUUID(),
				FakeEntraAuthority.Outcome.SIGNED_IN)) {
			// the "system browser" MSAL starts (xdg-open, first on the PATH) submits the sign-in page's form
			Path bin = Files.createDirectories(dir.resolve("bin"));
			Path browser = bin.resolve("xdg-open");
			try (var script = getClass().getResourceAsStream("form-posting-browser.sh")) {
				Files.copy(script, browser);
			}
			Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
			CliProcess job = CliProcess.withEnv(environment(authority, clientId))
				.with("PATH", bin + File.pathSeparator + System.getenv("PATH"))
				.with("FAKE_AUTHORITY_CERT", authority.certificate().toString());

			CliProcess.Result plan = job.run("plan", "--definition", DEFINITION.toString(), "--sign-in", "browser");

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			assertThat(plan.err()).contains("sign-in: opening the system browser");
			assertThat(authority.requests()).contains("GET /" + FakeEntraAuthority.TENANT + "/oauth2/v2.0/authorize")
				.noneMatch(r -> r.endsWith("/devicecode"));
			assertThat(authority.tokenRequests()).singleElement().satisfies(form -> {
				assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("client_id", clientId)
					.containsKey("code_verifier");
				assertThat(form.get("redirect_uri")).startsWith("http://localhost:");
				assertThat(form.get("scope")).contains("https://graph.microsoft.com/Group.Read.All");
			});
			assertCacheIsOwnerOnlyAndHoldsTheOnlyCopy(sim.token());
		}
	}

	@Test
	void declinedSignInFailsClearlyAndChangesNothing() throws Exception {
		try (FakeEntraAuthority authority = FakeEntraAuthority.start(dir, sim.token(), "refresh-unused",
				FakeEntraAuthority.Outcome.DECLINED)) {
			CliProcess.Result result = CliProcess.withEnv(environment(authority, UUID.randomUUID().toString()))
				.run("apply", "--definition", DEFINITION.toString(), "--sign-in", "device-code");

			String firstError = result.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
			assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
			assertThat(firstError).contains("sign-in (device-code) failed").contains("AADSTS70000")
				.contains("declined").contains("allows public client flows");
			assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
			assertThat(sim.audit()).as("nothing changed").isEmpty();
			Catalogue.row(261, "the administrator declines the device-code sign-in (Entra answers authorization_declined)",
					"apply", firstError, result.exitCode());
		}
	}

	@Test
	void signInWithoutAClientIdIsRefusedWithHowToRegisterOne() {
		Cli.Result result = expectInvalid(260, "`--sign-in device-code` without `writeback.sign-in.client-id`",
				cli(Map.of()), "plan", "device-code");
		assertThat(result.err()).contains("register a public client app").contains("Allow public client flows")
			.contains("WRITEBACK_SIGNIN_CLIENTID").contains("One-off run as an administrator");
	}

	@Test
	void signInTogetherWithAPreIssuedTokenIsAmbiguous() {
		Cli both = cli(Map.of("writeback.sign-in.client-id", UUID.randomUUID().toString())).with("writeback.graph.access-token",
				sim.token());
		Cli.Result result = expectInvalid(262, "`--sign-in` while `GRAPH_ACCESS_TOKEN` is also set", both, "plan",
				"device-code");
		assertThat(result.err()).contains("GRAPH_ACCESS_TOKEN").contains("--sign-in device-code").contains("use one");
	}

	@Test
	void plainHttpAuthorityIsRefused() {
		Cli http = cli(Map.of("writeback.sign-in.client-id", UUID.randomUUID().toString(),
				"writeback.graph.cloud.authority-host", "http://login.example.com"));
		Cli.Result result = expectInvalid(263, "`--sign-in` with `writeback.graph.cloud.authority-host` over plain http",
				http, "plan", "browser");
		assertThat(result.err()).contains("http://login.example.com").contains("must be an https URL");
	}

	@Test
	void noKeyringAndNoPermissionForAPlainCacheIsRefused() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null,
				"needs Linux without a Secret Service session (CI, containers, SSH)");
		Cli noKeyring = cli(Map.of("writeback.sign-in.client-id", UUID.randomUUID().toString(),
				"writeback.sign-in.allow-unencrypted-cache", "false"));
		Cli.Result result = expectInvalid(264, "`--sign-in` on Linux without a keyring, unencrypted cache not allowed",
				noKeyring, "plan", "device-code");
		assertThat(result.err()).contains("no usable keyring").contains("allow-unencrypted-cache=true")
			.contains(dir.resolve("cache").toString());
	}

	@Test
	void unknownSignInMethodIsAUsageError() {
		Cli.Result result = cli(Map.of()).run("plan", "--definition", DEFINITION.toString(), "--sign-in", "password");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("error: Invalid value for option '--sign-in': unknown sign-in method 'password'; "
				+ "use device-code or browser").doesNotContain("Exception");
		Catalogue.row(265, "`--sign-in password` (unknown method)", "plan", result.err().lines().findFirst().orElse(""),
				result.exitCode());
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv("PATH").split(File.pathSeparator))
			.anyMatch(folder -> Files.isExecutable(Path.of(folder, command)));
	}

	/** The job's environment for a sign-in against {@code authority}; one H2 file job repository per test. */
	private Map<String, String> environment(FakeEntraAuthority authority, String clientId) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("GRAPH_BASE_URL", sim.baseUrl());
		env.put("GRAPH_ACCESS_TOKEN", "");
		env.put("GRAPH_ACCESS_TOKEN_FILE", "");
		env.put("WRITEBACK_SIGNIN_CLIENTID", clientId);
		env.put("WRITEBACK_SIGNIN_TENANTID", FakeEntraAuthority.TENANT);
		env.put("WRITEBACK_GRAPH_CLOUD_AUTHORITYHOST", authority.host());
		env.put("WRITEBACK_SIGNIN_INSTANCEDISCOVERY", "false"); // Entra does not know a loopback authority
		env.put("WRITEBACK_SIGNIN_CACHEDIRECTORY", dir.resolve("cache").toString());
		env.put("WRITEBACK_SIGNIN_ALLOWUNENCRYPTEDCACHE", "true"); // CI has no keyring
		env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("db/writeback") + ";WRITE_DELAY=0");
		env.put("WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString());
		env.put("JAVA_TOOL_OPTIONS", authority.javaToolOptions());
		return env;
	}

	/** The cache directory is 0700 and its files 0600; the token is in the cache and nowhere else the job wrote. */
	private void assertCacheIsOwnerOnlyAndHoldsTheOnlyCopy(String token) throws IOException {
		Path cache = dir.resolve("cache");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
		List<Path> files;
		try (Stream<Path> listing = Files.list(cache)) {
			files = listing.toList();
		}
		assertThat(files).extracting(p -> p.getFileName().toString())
			.contains("msal-token-cache", "signed-in-account.properties");
		for (Path file : files) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
				.isEqualTo("rw-------");
		}
		assertThat(Files.readString(cache.resolve("msal-token-cache"))).contains(token).contains("refresh-");
		assertThat(Files.readString(cache.resolve("signed-in-account.properties"))).contains(FakeEntraAuthority.USERNAME)
			.doesNotContain(token).doesNotContain("refresh-");
		try (Stream<Path> written = Files.walk(dir)) {
			for (Path file : written.filter(Files::isRegularFile).filter(f -> !f.startsWith(cache)).toList()) {
				assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
					.doesNotContain(token);
			}
		}
	}

	/** The in-process CLI with no token and the sign-in cache in this test's folder. */
	private Cli cli(Map<String, String> signIn) {
		Cli cli = new Cli(sim.baseUrl(), "", dir.resolve("reports")).with("writeback.sign-in.cache-directory",
				dir.resolve("cache").toString());
		for (Map.Entry<String, String> setting : signIn.entrySet()) {
			cli = cli.with(setting.getKey(), setting.getValue());
		}
		return cli;
	}

	private Cli.Result expectInvalid(int number, String input, Cli cli, String command, String method) {
		Cli.Result result = cli.run(command, "--definition", DEFINITION.toString(), "--sign-in", method);
		assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
		assertThat(result.err()).as("stderr").startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(sim.audit()).as("nothing changed").isEmpty();
		Catalogue.row(number, input, command, result.err().lines().findFirst().orElse("")
			.replace(dir.toAbsolutePath() + "/", ""), result.exitCode());
		return result;
	}
}
