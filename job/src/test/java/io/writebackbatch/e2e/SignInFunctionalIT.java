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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive sign-in through the CLI without a live identity provider: the job's own JVM
 * signs in by device code against a loopback Entra authority
 * ({@link FakeEntraAuthority}), plans against the simulator with the token it was issued,
 * and the next command of the sitting (an apply needing more permissions) signs in
 * silently from the persistent cache. The sign-in's bad inputs (catalogue cases 260-269)
 * run through the packaged CLI in {@link SignInCatalogueIT}.
 */
class SignInFunctionalIT {

	static final Path DEFINITION = Path.of("jobs/disable-all.yaml");

	@TempDir
	Path dir;

	GraphSimulator sim;

	@BeforeEach
	void startTenant() throws IOException {
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("delegated-" + UUID.randomUUID())
			.seed(11)
			.unifiedGroups(40)
			.build());
	}

	@AfterEach
	void stopTenant() {
		sim.close();
	}

	@Test
	void deviceCodePromptsOnStderrOnceAndTheNextCommandSignsInFromTheCache() throws Exception {
		Set<String> toChange = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		String clientId = UUID.randomUUID().toString();
		try (FakeEntraAuthority authority = FakeEntraAuthority.start(dir, sim.token(), "refresh-" + UUID.randomUUID(),
				FakeEntraAuthority.Outcome.SIGNED_IN)) {
			CliProcess job = CliProcess.withEnv(environment(authority, clientId));

			CliProcess.Result plan = job.run("plan", "--definition", DEFINITION.toString(), "--sign-in", "device-code");

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			assertThat(plan.err()).contains("sign-in: this run asks for Group.Read.All on your behalf (app " + clientId)
				.contains("sign-in: To sign in, use a web browser to open the page " + authority.host()
						+ "/devicelogin and enter the code WBTEST-42")
				.doesNotContain("\tat ");
			assertThat(plan.out()).as("the prompt is not in the report output").doesNotContain("WBTEST-42");
			assertThat(authority.tokenRequests()).as("polled while pending, then issued")
				.hasSize(2)
				.allSatisfy(form -> {
					assertThat(form).containsEntry("client_id", clientId).containsEntry("grant_type", "device_code");
					assertThat(form.get("scope")).contains("https://graph.microsoft.com/Group.Read.All")
						.doesNotContain("ReadWrite");
				});
			assertThat(sim.audit()).as("plan changes nothing").isEmpty();
			assertCacheIsOwnerOnlyAndHoldsTheOnlyCopy(sim.token());

			CliProcess.Result apply = job.run("apply", "--definition", DEFINITION.toString(), "--sign-in",
					"device-code");

			assertThat(apply.exitCode()).as(apply.all()).isZero();
			assertThat(apply.err()).as("no second prompt").doesNotContain("To sign in").doesNotContain("sign-in:");
			assertThat(authority.requests()).as("one device-code flow in the sitting")
				.filteredOn(r -> r.endsWith("/devicecode"))
				.hasSize(1);
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
			// the "system browser" MSAL starts (xdg-open, first on the PATH) submits the
			// sign-in page's form
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
				assertThat(form).containsEntry("grant_type", "authorization_code")
					.containsEntry("client_id", clientId)
					.containsKey("code_verifier");
				assertThat(form.get("redirect_uri")).startsWith("http://localhost:");
				assertThat(form.get("scope")).contains("https://graph.microsoft.com/Group.Read.All");
			});
			assertCacheIsOwnerOnlyAndHoldsTheOnlyCopy(sim.token());
		}
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv("PATH").split(File.pathSeparator))
			.anyMatch(folder -> Files.isExecutable(Path.of(folder, command)));
	}

	/**
	 * Issue 20: a run that changes role-assignable groups asks the signed-in
	 * administrator for both permissions Microsoft's sources name for them, and only then
	 * (the plan's first sign-in asked for less).
	 */
	@Test
	void anApplyThatChangesRoleAssignableGroupsAsksForBothRolePermissions() throws Exception {
		sim.close();
		String delegated = "delegated-" + UUID.randomUUID();
		sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("app-" + UUID.randomUUID())
			.privilegedToken(delegated)
			.roleAssignableGroups(10)
			.seed(11)
			.unifiedGroups(40)
			.build());
		Set<String> roleAssignable = sim.roleAssignableGroupIds();
		Set<String> toChange = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		assertThat(toChange).as("the definition changes role-assignable groups").containsAnyElementsOf(roleAssignable);
		String clientId = UUID.randomUUID().toString();
		try (FakeEntraAuthority authority = FakeEntraAuthority.start(dir, delegated, "refresh-" + UUID.randomUUID(),
				FakeEntraAuthority.Outcome.SIGNED_IN)) {
			CliProcess job = CliProcess.withEnv(environment(authority, clientId));

			CliProcess.Result apply = job.run("apply", "--definition", DEFINITION.toString(), "--sign-in",
					"device-code");

			assertThat(apply.exitCode()).as(apply.all()).isZero();
			assertThat(apply.all()).contains(
					"this run now also asks for PrivilegedAccess.ReadWrite.AzureADGroup, RoleManagement.ReadWrite.Directory");
			List<Map<String, String>> requests = authority.tokenRequests();
			assertThat(requests.get(0).get("scope")).as("the first sign-in asks for what every apply needs")
				.contains("https://graph.microsoft.com/Group.ReadWrite.All")
				.doesNotContain("RoleManagement");
			assertThat(requests.get(requests.size() - 1).get("scope"))
				.contains("https://graph.microsoft.com/RoleManagement.ReadWrite.Directory")
				.contains("https://graph.microsoft.com/PrivilegedAccess.ReadWrite.AzureADGroup");
			DisableAll.assertApplied(sim, toChange);
		}
	}

	/**
	 * The job's environment for a sign-in against {@code authority}; one H2 file job
	 * repository per test.
	 */
	private Map<String, String> environment(FakeEntraAuthority authority, String clientId) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("GRAPH_BASE_URL", sim.baseUrl());
		env.put("GRAPH_ACCESS_TOKEN", "");
		env.put("GRAPH_ACCESS_TOKEN_FILE", "");
		env.put("WRITEBACK_SIGNIN_CLIENTID", clientId);
		env.put("WRITEBACK_SIGNIN_TENANTID", FakeEntraAuthority.TENANT);
		env.put("WRITEBACK_GRAPH_CLOUD_AUTHORITYHOST", authority.host());
		env.put("WRITEBACK_SIGNIN_INSTANCEDISCOVERY", "false"); // Entra does not know a
																// loopback authority
		env.put("WRITEBACK_SIGNIN_CACHEDIRECTORY", dir.resolve("cache").toString());
		env.put("WRITEBACK_SIGNIN_ALLOWUNENCRYPTEDCACHE", "true"); // CI has no keyring
		env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("db/writeback") + ";WRITE_DELAY=0");
		env.put("WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString());
		env.put("JAVA_TOOL_OPTIONS", authority.javaToolOptions());
		return env;
	}

	/**
	 * The cache directory is 0700 and its files 0600; the token is in the cache and
	 * nowhere else the job wrote.
	 */
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
		assertThat(Files.readString(cache.resolve("signed-in-account.properties")))
			.contains(FakeEntraAuthority.USERNAME)
			.doesNotContain(token)
			.doesNotContain("refresh-");
		try (Stream<Path> written = Files.walk(dir)) {
			for (Path file : written.filter(Files::isRegularFile).filter(f -> !f.startsWith(cache)).toList()) {
				assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
					.doesNotContain(token);
			}
		}
	}

}
