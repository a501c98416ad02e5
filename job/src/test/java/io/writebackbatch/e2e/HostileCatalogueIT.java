package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Catalogue cases 270-299: what a careless operator and a misbehaving Graph did to the
 * packaged jar after issue 15's first round, each fixed and pinned through the packaged
 * CLI.
 */
class HostileCatalogueIT extends PackagedCatalogue {

	@Case(Lane.PACKAGED_JAR)
	void idFileNextToASymlinkedDefinition() throws IOException {
		List<String> toChange = new ArrayList<>(DisableAll.groupsToChange(sim.tenant().unifiedGroups()));
		String keptByTheLink = toChange.remove(0);
		String keptByTheTarget = toChange.get(0);
		Path real = Files.createDirectories(dir.resolve("real"));
		Files.writeString(real.resolve("disable.yaml"), "action: disable\nfilters:\n  excludeIdsFile: keep.txt\n");
		Files.writeString(real.resolve("keep.txt"), keptByTheTarget + "\n");
		Path linked = Files.createDirectories(dir.resolve("linked"));
		Files.createSymbolicLink(linked.resolve("disable.yaml"), Path.of("../real/disable.yaml"));
		Files.writeString(linked.resolve("keep.txt"), keptByTheLink + "\n");

		expectChanged(270, "a symlinked definition (`linked/disable.yaml` -> `../real/disable.yaml`) naming "
				+ "`excludeIdsFile: keep.txt`: read from the link's folder, as named (a Kubernetes ConfigMap mount)", 0,
				toChange, cli, "apply", "--definition", "linked/disable.yaml");
	}

	@Case
	void negativeMaxChangesNamesItsLine() throws IOException {
		Path file = definition("action: disable\nmaxChanges: -1\nfilters:\n  createdBefore: 2100-01-01\n");
		PackagedCli.Result result = expectInvalid(271, "`maxChanges: -1` (the line named is the field's)", cli, "apply",
				file);
		assertThat(result.err()).startsWith("error: " + file + ":2: field 'maxChanges': must be zero or more, was -1");
	}

	@Case
	void skipTokenExpiredDuringTheListing() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl())) {
			gateway.tamperPages((request, page) -> {
				if (request == 3) {
					// from now on a link is stale after 1 ms: the link in this page is by
					// the time it is followed
					sim.skipTokenTtl(Duration.ofMillis(1));
					pause();
				}
				else if (request == 5) { // the first page again, after request 4 was
											// refused as expired
					sim.skipTokenTtl(Duration.ZERO);
				}
			});
			PackagedCli.Result result = expectChanged(272, "Graph refuses a skip token as expired in the middle of the "
					+ "listing (400 `Directory_ExpiredPageToken`; listed again from the first page, once, nothing doubled)",
					0, List.of(),
					cli.with("writeback.graph.base-url", gateway.baseUrl()).with("writeback.graph.page-size", "10"),
					"plan", "--definition", BadInputCatalogueIT.DISABLE_ALL.toString());
			assertThat(result.out()).contains("listing again from the first page, once")
				.contains("| Unified groups read | 60 |");
			assertThat(gateway.listingPagesServed()).as("3 pages, a refused link, then the 6 pages")
				.isEqualTo(3 + 1 + 6);
		}
	}

	@Case
	void skipTokensThatKeepExpiring() throws IOException {
		sim.skipTokenTtl(Duration.ofMillis(1));
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl())) {
			gateway.tamperPages((request, page) -> pause());
			PackagedCli.Result result = expect(273,
					"every skip token expired by the time it is followed (a listing slower "
							+ "than Graph keeps its tokens)",
					3, cli.with("writeback.graph.base-url", gateway.baseUrl()).with("writeback.graph.page-size", "10"),
					"plan", "--definition", BadInputCatalogueIT.DISABLE_ALL.toString());
			assertThat(result.err()).contains("as expired again, after listing once more from the first page")
				.contains("Directory_ExpiredPageToken")
				.contains("resume");
			assertThat(gateway.listingPagesServed()).as("a page, a refused link, once more").isEqualTo(4);
		}
	}

	@Case
	void simulatorHelp() {
		PackagedCli.Result result = expectChanged(274, "`simulate --help` (a `%` in an option's description)", 0,
				List.of(), cli.within(Duration.ofSeconds(60)), "simulate", "--help");
		assertThat(result.err()).as("picocli's format warnings").isEmpty();
		assertThat(result.out()).contains("(default: 10%");
	}

	@Case
	void displayNamePatternOfAQuarterMillionCharacters() throws IOException {
		Path file = definition(
				"action: disable\nfilters:\n  displayName:\n    exclude:\n      - \"" + "a".repeat(200_000) + "\"\n");
		PackagedCli.Result result = expectInvalid(275,
				"a display-name pattern of 200,000 characters (RE2/J parses long "
						+ "literals in quadratic time: minutes)",
				cli.within(Duration.ofSeconds(60)), "apply", file);
		assertThat(result.err()).contains("bad.yaml:5")
			.contains("the pattern is 200000 characters long, more than 1024");
	}

	@Case
	void emptyDefinitionPath() {
		PackagedCli.Result result = expect(276, "`--definition \"\"` (an unset variable in the command line)", 2,
				cli.within(Duration.ofSeconds(60)), "plan", "--definition", "");
		assertThat(result.err()).contains("the job definition path is empty").doesNotContain("a directory");
	}

	@Case
	void retryAfterOfCenturiesOnAListingPage() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl()).throttleListingRequests("99999999999", 1,
				2)) {
			PackagedCli.Result result = expectChanged(277, "a listing page answered 429 twice with `Retry-After: "
					+ "99999999999` (waits capped by `max-retry-wait`, 2 s here; the SDK's own retry waited 180 s a time)",
					0, List.of(),
					cli.with("writeback.graph.base-url", gateway.baseUrl()).within(Duration.ofSeconds(90)), "plan",
					"--definition", BadInputCatalogueIT.DISABLE_ALL.toString());
			assertThat(result.out()).contains("| Unified groups read | 60 |");
			assertThat(gateway.listingPagesServed()).isEqualTo(3);
		}
	}

	@Case
	void retryAfterThatIsNotANumberOnAListingPage() throws IOException {
		try (TamperingGateway gateway = new TamperingGateway(sim.baseUrl()).throttleListingRequests("soon", 1, 2)) {
			PackagedCli.Result result = expectChanged(278,
					"a listing page answered 429 twice with `Retry-After: soon` "
							+ "(not a number or date: ignored, retried at once)",
					0, List.of(),
					cli.with("writeback.graph.base-url", gateway.baseUrl()).within(Duration.ofSeconds(90)), "plan",
					"--definition", BadInputCatalogueIT.DISABLE_ALL.toString());
			assertThat(result.out()).contains("| Unified groups read | 60 |");
		}
	}

	/**
	 * Lets a skip token just issued grow older than the simulator's 1 ms lifetime before
	 * its page is passed on.
	 */
	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
