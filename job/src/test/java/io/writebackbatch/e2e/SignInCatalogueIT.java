package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Catalogue cases 260-269: interactive sign-in ({@code --sign-in}) given wrongly, through
 * the packaged CLI: exit 2, the message naming the setting (as property and as
 * environment variable) and the fix, nothing changed.
 */
class SignInCatalogueIT extends PackagedCatalogue {

	private static final String DEFINITION = BadInputCatalogueIT.DISABLE_ALL.toString();

	/** The CLI with no pre-issued token and the sign-in cache in this case's folder. */
	private PackagedCli signIn() {
		return cli.with("writeback.graph.access-token", "")
			.with("writeback.sign-in.cache-directory", dir.resolve("cache").toString());
	}

	@Case(Lane.PACKAGED_JAR)
	void signInWithoutAClientIdIsRefusedWithHowToRegisterOne() {
		PackagedCli.Result result = expect(260, "`--sign-in device-code` without `writeback.sign-in.client-id`", 2,
				signIn(), "plan", "--definition", DEFINITION, "--sign-in", "device-code");
		assertThat(result.err()).contains("register a public client app")
			.contains("Allow public client flows")
			.contains("writeback.sign-in.client-id (WRITEBACK_SIGNIN_CLIENTID)")
			.contains("docs/guide/sign-in.md");

		// the variable the message names is the one read: with it set, the run gets past
		// the client id (to the next check)
		PackagedCli.Result named = signIn().withEnv("WRITEBACK_SIGNIN_CLIENTID", UUID.randomUUID().toString())
			.with("writeback.graph.cloud.authority-host", "http://login.example.com")
			.run("plan", "--definition", DEFINITION, "--sign-in", "device-code");
		assertThat(named.exitCode()).as(named.all()).isEqualTo(2);
		assertThat(named.err()).doesNotContain("client-id").contains("must be an https URL");
	}

	@Case(Lane.PACKAGED_JAR)
	void declinedSignInFailsClearlyAndChangesNothing() throws Exception {
		try (FakeEntraAuthority authority = FakeEntraAuthority.start(dir, sim.token(), "refresh-unused",
				FakeEntraAuthority.Outcome.DECLINED)) {
			PackagedCli.Result result = runClean(2, signInAt(authority), "apply", "--definition", DEFINITION,
					"--sign-in", "device-code");

			String firstError = result.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
			assertThat(firstError).contains("sign-in (device-code) failed")
				.contains("AADSTS70000")
				.contains("declined")
				.contains("allows public client flows");
			assertThat(DisableAll.patchedGroups(sim)).as("nothing changed").isEmpty();
			record(261, "the administrator declines the device-code sign-in (Entra answers authorization_declined)",
					"apply", firstError, result.exitCode());
		}
	}

	/** Sign-in at the loopback stand-in for Entra, whose certificate the CLI trusts. */
	private PackagedCli signInAt(FakeEntraAuthority authority) {
		PackagedCli signIn = signIn().with("writeback.sign-in.client-id", UUID.randomUUID().toString())
			.with("writeback.sign-in.tenant-id", FakeEntraAuthority.TENANT)
			.with("writeback.graph.cloud.authority-host", authority.host())
			// Entra does not know a loopback authority
			.with("writeback.sign-in.instance-discovery", "false")
			// CI has no keyring
			.with("writeback.sign-in.allow-unencrypted-cache", "true");
		for (String option : authority.javaToolOptions().split(" ")) {
			String[] property = option.substring("-D".length()).split("=", 2);
			signIn = signIn.with(property[0], property[1]);
		}
		return signIn;
	}

	@Case(Lane.PACKAGED_JAR)
	void browserSignInWithoutABrowserFailsAtOnce() throws Exception {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the system browser is started so on Linux");
		// xdg-open where no browser can be started: it says so and ends with 3
		Path bin = Files.createDirectories(dir.resolve("bin"));
		Path opener = bin.resolve("xdg-open");
		Files.writeString(opener, "#!/bin/sh\necho \"xdg-open: no method available for opening '$1'\" >&2\nexit 3\n");
		Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwx------"));
		try (FakeEntraAuthority authority = FakeEntraAuthority.start(dir, sim.token(), "refresh-unused",
				FakeEntraAuthority.Outcome.SIGNED_IN)) {
			PackagedCli noBrowser = signInAt(authority)
				.withEnv("PATH", bin + File.pathSeparator + System.getenv("PATH"))
				.within(Duration.ofSeconds(60));

			PackagedCli.Result result = runClean(2, noBrowser, "plan", "--definition", DEFINITION, "--sign-in",
					"browser");

			String firstError = result.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
			assertThat(firstError).contains("no browser could be started")
				.contains("xdg-open found no browser to start (exit 3)")
				.contains("use --sign-in device-code");
			assertThat(result.elapsed()).as("not MSAL's 120 s wait for a redirect").isLessThan(Duration.ofSeconds(45));
			record(267, "`--sign-in browser` where no browser can be started (`xdg-open` ends with 3)", "plan",
					firstError, result.exitCode());
		}
	}

	@Case
	void signInTogetherWithAPreIssuedTokenIsAmbiguous() {
		PackagedCli both = signIn().with("writeback.sign-in.client-id", UUID.randomUUID().toString())
			.with("writeback.graph.access-token", sim.token());
		PackagedCli.Result result = expect(262, "`--sign-in` while `GRAPH_ACCESS_TOKEN` is also set", 2, both, "plan",
				"--definition", DEFINITION, "--sign-in", "device-code");
		assertThat(result.err()).contains("GRAPH_ACCESS_TOKEN").contains("--sign-in device-code").contains("use one");
	}

	@Case
	void plainHttpAuthorityIsRefused() {
		PackagedCli http = signIn().with("writeback.sign-in.client-id", UUID.randomUUID().toString())
			.with("writeback.graph.cloud.authority-host", "http://login.example.com");
		PackagedCli.Result result = expect(263,
				"`--sign-in` with `writeback.graph.cloud.authority-host` over plain http", 2, http, "plan",
				"--definition", DEFINITION, "--sign-in", "browser");
		assertThat(result.err()).contains("http://login.example.com").contains("must be an https URL");
	}

	@Case
	void noKeyringAndNoPermissionForAPlainCacheIsRefused() {
		assumeTrue(
				System.getProperty("os.name").startsWith("Linux") && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null,
				"needs Linux without a Secret Service session (CI, containers, SSH)");
		PackagedCli noKeyring = signIn().with("writeback.sign-in.client-id", UUID.randomUUID().toString())
			.with("writeback.sign-in.allow-unencrypted-cache", "false");
		PackagedCli.Result result = expect(264, "`--sign-in` on Linux without a keyring, unencrypted cache not allowed",
				2, noKeyring, "plan", "--definition", DEFINITION, "--sign-in", "device-code");
		assertThat(result.err()).contains("no usable keyring")
			.contains("allow-unencrypted-cache=true")
			.contains(dir.resolve("cache").toString());
	}

	@Case
	void unknownSignInMethodIsAUsageError() {
		PackagedCli.Result result = expectChanged(265, "`--sign-in password` (unknown method)", 2, List.of(), signIn(),
				"plan", "--definition", DEFINITION, "--sign-in", "password");
		assertThat(result.err()).startsWith("error: Invalid value for option '--sign-in': unknown sign-in method "
				+ "'password'; use device-code or browser");
	}

	@Case
	void damagedTokenCacheIsRefusedNamingTheFileAndHowToReset() throws Exception {
		Path cache = dir.resolve("cache");
		Files.createDirectories(cache);
		String clientId = UUID.randomUUID().toString();
		String tenant = UUID.randomUUID().toString();
		String authority = "https://login.example.com/" + tenant + "/";
		// what an earlier sign-in left: who signed in, and MSAL's cache, cut short
		Properties account = new Properties();
		account.setProperty("homeAccountId", "uid." + tenant);
		account.setProperty("username", "admin@example.com");
		account.setProperty("clientId", clientId);
		account.setProperty("authority", authority);
		try (Writer out = Files.newBufferedWriter(cache.resolve("signed-in-account.properties"))) {
			account.store(out, null);
		}
		Path damaged = cache.resolve("msal-token-cache");
		Files.writeString(damaged, "{\"AccessToken\": {\"x\": {\"secret\": \"abc");
		PackagedCli damagedCache = signIn().with("writeback.sign-in.client-id", clientId)
			.with("writeback.sign-in.tenant-id", tenant)
			.with("writeback.graph.cloud.authority-host", "https://login.example.com")
			.with("writeback.sign-in.instance-discovery", "false")
			.with("writeback.sign-in.allow-unencrypted-cache", "true");

		PackagedCli.Result result = expect(266, "`--sign-in` with a damaged token cache file (`msal-token-cache`)", 2,
				damagedCache, "plan", "--definition", DEFINITION, "--sign-in", "device-code");

		assertThat(result.err()).contains("token cache")
			.contains(damaged.toString())
			.contains("damaged")
			.contains("delete")
			.contains("sign in again")
			.doesNotContain("cannot reach Graph");
		assertThat(result.err()).as("no prompt: the damage is found before anyone is asked to sign in")
			.doesNotContain("sign-in: this run asks for");
	}

}
