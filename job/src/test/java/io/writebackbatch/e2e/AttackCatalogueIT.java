package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.writebackbatch.graph.PlainTcpServer;
import io.writebackbatch.simulator.FaultConfig;

/**
 * What a careless operator and a misbehaving Graph found in the packaged CLI (cases
 * 320-339): a job repository of a database whose driver the jar does not bundle,
 * definition values of the wrong shape described in Java's words, a graceful stop on a
 * user-supplied H2 URL that H2's own shutdown hook used to close under the stopping run,
 * an https base URL on a plain-http port, Ctrl-C, and a YAML merge key; a full disk under
 * the fleet page and a run's page (cases 175-176, numbered from the free ones of
 * 150-199).
 */
class AttackCatalogueIT extends PackagedCatalogue {

	private Path disableAll() throws IOException {
		return Files.copy(Path.of(System.getProperty("user.dir"), "jobs", "disable-all.yaml"),
				dir.resolve("disable-all.yaml"));
	}

	/**
	 * Was exit 1 with Spring's bean-creation stack trace and "error:
	 * com.mysql.cj.jdbc.Driver".
	 */
	@Case
	void unsupportedDatabase() throws IOException {
		PackagedCli.Result result = expect(320,
				"`SPRING_DATASOURCE_URL` of a database other than H2 or PostgreSQL " + "(`jdbc:mysql://...`)", 2,
				cli.with("spring.datasource.url", "jdbc:mysql://127.0.0.1/writeback"), "apply", "--definition",
				disableAll().toString());
		assertThat(result.err())
			.startsWith("error: spring.datasource.url (SPRING_DATASOURCE_URL) 'jdbc:mysql://127.0.0.1/"
					+ "writeback' names a database writeback-batch does not support")
			.contains("jdbc:postgresql://host:5432/db");
	}

	/**
	 * Was "Cannot deserialize value of type DefinitionDocument from Array value (token
	 * `JsonToken.START_ARRAY`)".
	 */
	@Case
	void definitionThatIsAList() throws IOException {
		PackagedCli.Result result = expectInvalid(322, "a definition that is a YAML list (`- action: disable`)", cli,
				"apply", definition("- name: x\n  action: disable\n"));
		assertThat(result.err()).contains("bad.yaml:1: fields are expected here (one 'name: value' line each")
			.doesNotContain("JsonToken", "DefinitionDocument");
	}

	/**
	 * Was "Cannot deserialize value of type `java.lang.Integer` from String \"0x10\"".
	 */
	@Case
	void hexadecimalMaxChanges() throws IOException {
		PackagedCli.Result result = expectInvalid(323, "`maxChanges: 0x10` (hexadecimal)", cli, "apply",
				definition("name: x\naction: disable\nmaxChanges: 0x10\n"));
		assertThat(result.err())
			.contains("bad.yaml:3: field 'maxChanges': '0x10' is not a number; write a whole number "
					+ "in decimal digits")
			.doesNotContain("java.lang");
	}

	/**
	 * SIGTERM (or Ctrl-C) mid-apply with an H2 file URL as an operator writes it, without
	 * {@code DB_CLOSE_ON_EXIT=FALSE}: the run used to end with "the job repository failed
	 * during the run: Database is already closed", as H2's own shutdown hook closed the
	 * database under the stopping run. Now it stops at a checkpoint, and resume completes
	 * it.
	 */
	@Case(Lane.PACKAGED_JAR)
	void sigtermMidApplyOnAnOperatorsH2Url() throws Exception {
		Path definition = disableAll();
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		PackagedCli job = cli.with("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("data/writeback"))
			.with("writeback.shutdown.grace-period", "20s");
		sim.faults(FaultConfig.none().latency(Duration.ofMillis(1500), Duration.ZERO));
		PackagedCli.Started apply = job.start("apply", "--definition", definition.toString());
		apply.awaitOutput("planned changes");
		apply.process().destroy(); // SIGTERM while the batches are in flight
		PackagedCli.Result stopped = apply.await();

		assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(3);
		assertThat(stopped.all()).doesNotContain("Database is already closed", "job repository failed");
		assertThat(stopped.showsStackTrace()).as(stopped.all()).isFalse();
		assertThat(DisableAll.patchedGroups(sim)).as("only planned groups were written").isSubsetOf(planned);
		Catalogue.row(321,
				"SIGTERM (or Ctrl-C) mid-apply, H2 file URL given without `DB_CLOSE_ON_EXIT=FALSE` (then "
						+ "`resume` completes the run)",
				"apply", stopped.err().lines().findFirst().orElse("(none)"), stopped.exitCode());

		sim.faults(FaultConfig.none());
		PackagedCli.Result resumed = job.run("resume", "--definition", definition.toString());
		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		DisableAll.assertApplied(sim, planned);
	}

	/**
	 * Was a wait of OkHttp's 100 s read timeout per attempt (over five minutes in all):
	 * the simulator speaks plain http and waits, silent, for a request line that a TLS
	 * client never sends. Now one handshake waits the connect timeout (10 s), and the run
	 * ends resumable at once, saying what to check.
	 */
	@Case(Lane.PACKAGED_JAR)
	void httpsBaseUrlOnAPlainHttpPortThatSaysNothing() throws IOException {
		int port = URI.create(sim.baseUrl()).getPort();
		PackagedCli.Result result = expectTls(324,
				"`GRAPH_BASE_URL=https://...` on the port of a plain-http server that says nothing to a TLS client "
						+ "(the simulator's)",
				3, port, cli.with("writeback.graph.base-url", "https://127.0.0.1:" + port + "/beta"));
		// the first request is the tenant proof, before any run starts
		assertThat(result.err()).startsWith("error: cannot reach Graph while asking Graph which tenant the token is "
				+ "for (GET /organization): the TLS handshake with 127.0.0.1:" + port
				+ " got no answer within 10 s: is the base URL's scheme (https vs http) and port right?");
		assertThat(result.all()).as("no retry spends another connect timeout").doesNotContain("sending it again");
		assertThat(result.elapsed()).as("one bounded handshake, not 100 s per attempt")
			.isLessThan(Duration.ofSeconds(60));
	}

	/**
	 * A plain-http server that answers the TLS client's hello at once: the same on every
	 * attempt, so a person must fix the URL (exit 2).
	 */
	@Case
	void httpsBaseUrlOnAPlainHttpPortThatAnswers() throws IOException {
		try (PlainTcpServer plainHttp = PlainTcpServer.answeringPlainHttp()) {
			PackagedCli.Result result = expectTls(325,
					"`GRAPH_BASE_URL=https://...` on the port of a plain-http server that answers (400)", 2,
					plainHttp.port(),
					cli.with("writeback.graph.base-url", "https://127.0.0.1:" + plainHttp.port() + "/beta"));
			assertThat(result.err()).startsWith("error: ")
				.contains("the TLS handshake with 127.0.0.1:" + plainHttp.port()
						+ " failed (Unsupported or unrecognized SSL message): is the base URL's scheme (https vs http) "
						+ "and port right?");
		}
	}

	/**
	 * Runs {@code plan} against {@code job}; the row shows the port as {@code <port>}.
	 */
	private PackagedCli.Result expectTls(int number, String input, int exitCode, int port, PackagedCli job)
			throws IOException {
		PackagedCli.Result result = runClean(exitCode, job, "plan", "--definition", disableAll().toString());
		record(number, input, "plan",
				result.err().lines().findFirst().orElse("(none)").replace("127.0.0.1:" + port, "127.0.0.1:<port>"),
				result.exitCode());
		return result;
	}

	/**
	 * Ctrl-C (SIGINT) mid-apply was logged as "stop requested (SIGTERM)". The JVM's
	 * shutdown hook cannot tell the two apart, so the log names both; the run stops at a
	 * checkpoint as on SIGTERM.
	 */
	@Case(Lane.PACKAGED_JAR)
	void ctrlCMidApply() throws Exception {
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		sim.faults(FaultConfig.none().latency(Duration.ofMillis(1500), Duration.ZERO));
		PackagedCli.Started apply = cli.with("writeback.shutdown.grace-period", "20s")
			.startInTerminal("apply", "--definition", disableAll().toString());
		apply.awaitOutput("planned changes");
		Process kill = new ProcessBuilder("kill", "-INT", Long.toString(apply.process().pid())).start();
		assertThat(kill.waitFor()).as("kill -INT").isZero();
		PackagedCli.Result stopped = apply.await();

		assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(3);
		assertThat(stopped.out()).contains(
				"stop requested by a shutdown signal (SIGTERM or Ctrl-C): run 1 stops at " + "its next chunk boundary");
		assertThat(stopped.all()).doesNotContain("(SIGTERM)");
		assertThat(stopped.showsStackTrace()).as(stopped.all()).isFalse();
		assertThat(DisableAll.patchedGroups(sim)).as("only planned groups were written").isSubsetOf(planned);
		Catalogue.row(326,
				"Ctrl-C (SIGINT) mid-apply (the log says 'stop requested by a shutdown signal (SIGTERM or "
						+ "Ctrl-C)'; the run stops at a checkpoint as on SIGTERM)",
				"apply", stopped.err().lines().findFirst().orElse("(none)"), stopped.exitCode());
	}

	/**
	 * Was "unknown field '<<'" (or 'defaults', the section holding the shared fields).
	 */
	@Case
	void yamlMergeKey() throws IOException {
		PackagedCli.Result result = expectInvalid(327,
				"a YAML merge key `<<: *defaults` of `defaults: &defaults` (shared filters)", cli, "apply",
				definition("name: finance\naction: disable\ndefaults: &defaults\n  createdBefore: 2024-01-01\n"
						+ "filters:\n  <<: *defaults\n  displayName:\n    include: [\"^Finance \"]\n"));
		assertThat(result.err())
			.contains("bad.yaml:6: the YAML merge key '<<' is not supported: write the fields out in full here")
			.doesNotContain("unknown field");
	}

	/**
	 * Was "error: cannot use a local file: FileSystemException: .../fleet.html: Is a
	 * directory": Java's words, and no fix named.
	 */
	@Case
	void fleetReportOverAFolder() throws IOException {
		disableAll();
		Path fleet = Files.writeString(dir.resolve("fleet.yaml"),
				"tenants:\n  - name: contoso\n    tenantId: 11111111-1111-4111-8111-111111111111\n    credential:\n"
						+ "      clientId: aaaaaaaa-1111-4111-8111-111111111111\n"
						+ "    definitions: [disable-all.yaml]\n    schedule: \"30 1 * * *\"\n");
		Path reports = Files.createDirectories(dir.resolve("shared/fleet.html")).getParent();
		PackagedCli.Result result = expect(339, "`report --fleet` when `fleet.html` in the report folder is a folder",
				2, cli.with("writeback.report.directory", reports.toString()), "report", "--fleet", fleet.toString());
		assertThat(result.err())
			.startsWith("error: cannot write " + reports.resolve("fleet.html") + ": is a directory; check that "
					+ "writeback.report.directory (WRITEBACK_REPORT_DIRECTORY) is a writable folder");
	}

	/**
	 * Was "error: the network failed (IOException: No space left on device); transient:
	 * run again" (exit 3): a full disk under the fleet page taken for the network.
	 * {@code /dev/full} plays the full disk.
	 */
	@Case
	void fleetReportOnAFullDisk() throws IOException {
		disableAll();
		Path fleet = Files.writeString(dir.resolve("fleet.yaml"),
				"tenants:\n  - name: contoso\n    tenantId: 11111111-1111-4111-8111-111111111111\n    credential:\n"
						+ "      clientId: aaaaaaaa-1111-4111-8111-111111111111\n"
						+ "    definitions: [disable-all.yaml]\n    schedule: \"30 1 * * *\"\n");
		Path page = Files.createDirectories(dir.resolve("reports")).resolve("fleet.html");
		Files.createSymbolicLink(page, Path.of("/dev/full"));

		PackagedCli.Result result = expect(175,
				"`report --fleet` when the report folder's disk is full (`fleet.html` " + "on `/dev/full`)", 2, cli,
				"report", "--fleet", fleet.toString());
		assertThat(result.err())
			.startsWith("error: cannot write " + page + ": No space left on device; check that "
					+ "writeback.report.directory (WRITEBACK_REPORT_DIRECTORY) is a writable folder on a disk with "
					+ "free space")
			.doesNotContain("network");
	}

	/**
	 * Was "finish it first with 'resume --definition rollback-of-1'": a rollback has no
	 * definition file, and is continued by 'rollback --run N --apply'.
	 */
	@Case
	void carryingOutARollbackPlanWhileThatRollbackIsPaused() throws IOException {
		PackagedCli night = cli.with("writeback.apply.max-duration", "1ms");
		assertThat(night.with("writeback.apply.chunk-size", "10")
			.run("apply", "--definition", disableAll().toString())
			.exitCode()).isEqualTo(5);
		assertThat(cli.run("rollback", "--run", "1").exitCode()).isZero();
		assertThat(night.with("writeback.apply.chunk-size", "5").run("rollback", "--run", "1", "--apply").exitCode())
			.isEqualTo(5);

		PackagedCli.Result result = runClean(2, cli, "apply", "--plan", "2");
		record(338, "`apply --plan` of a rollback's plan while that rollback is paused at max-duration", "apply",
				result.err().lines().findFirst().orElse("(none)"), result.exitCode());
		assertThat(result.err()).contains("finish it first with 'rollback --run 1 --apply'")
			.doesNotContain("resume --definition");
	}

	/**
	 * Was "continue it with: resume --definition .../disable-all.yaml", which refuses: a
	 * plan's application is continued with the plan's approval.
	 */
	@Case
	void pausedApplicationOfAnApprovedPlan() throws IOException {
		PackagedCli.Result plan = cli.run("plan", "--definition", disableAll().toString());
		String digest = plan.out().replaceAll("(?s).*apply --plan 1 --digest ([0-9a-f]{64}).*", "$1");

		PackagedCli.Result result = runClean(5,
				cli.with("writeback.apply.max-duration", "1ms").with("writeback.apply.chunk-size", "10"), "apply",
				"--plan", "1", "--digest", digest);
		record(337, "`apply --plan 1 --digest D` paused at `writeback.apply.max-duration`", "apply",
				result.err().lines().filter(l -> l.contains("paused")).findFirst().orElse("(none)"), result.exitCode());
		assertThat(result.err()).contains("continue it with: apply --plan 1 --digest <the approved digest>")
			.doesNotContain("resume --definition");
	}

	/**
	 * Was "run 1 was unfinished (ABANDONED): ended as ABANDONED": the log named the
	 * status the rollback had just given the run, not the one it found (STOPPED).
	 */
	@Case
	void rollbackOfAnApplyPausedAtMaxDuration() throws IOException {
		assertThat(cli.with("writeback.apply.max-duration", "1ms")
			.with("writeback.apply.chunk-size", "10")
			.run("apply", "--definition", disableAll().toString())
			.exitCode()).isEqualTo(5);
		Set<String> written = Set.copyOf(DisableAll.patchedGroups(sim));

		PackagedCli.Result result = cli.run("rollback", "--run", "1", "--apply");
		assertThat(result.exitCode()).as(result.all()).isZero();
		assertThat(result.showsStackTrace()).as(result.all()).isFalse();
		String ended = result.all()
			.lines()
			.filter(l -> l.contains("run 1 was unfinished"))
			.findFirst()
			.orElse("(none)");
		Catalogue.row(328, "`rollback --run 1 --apply` of an apply paused at `writeback.apply.max-duration` (then "
				+ "`resume` refuses)", "rollback", ended.replaceAll("^\\S+ INFO\\s+", ""), result.exitCode());
		assertThat(ended).contains("run 1 was unfinished (STOPPED): ended as ABANDONED");
		assertThat(written).isNotEmpty();
		PackagedCli.Result resume = cli.run("resume", "--definition", dir.resolve("disable-all.yaml").toString());
		assertThat(resume.exitCode()).as(resume.all()).isEqualTo(2);
		assertThat(resume.err()).contains("undone by its rollback");
	}

	/**
	 * Was "Graph's answer (HTTP 200) could not be read: it is empty, truncated or not the
	 * JSON Graph sends" for a page that was whole JSON: it named the wrong problem.
	 */
	@Case
	void listingPageWhoseGroupLeavesOutWritebackConfiguration() throws IOException {
		try (StubGraph graph = StubGraph.answering(200, "application/json",
				"{\"value\":[{\"id\":\"0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70\",\"displayName\":\"Team\"}]}")) {
			PackagedCli.Result result = expect(329,
					"a group page whose group leaves out the selected `writebackConfiguration` (re-read by id)", 3,
					cli.with("writeback.graph.base-url", graph.baseUrl()).with("writeback.graph.max-retries", "1"),
					"plan", "--definition", disableAll().toString());
			assertThat(result.err()).contains("1 of a page's groups left out the selected writebackConfiguration")
				.doesNotContain("not the JSON Graph sends");
			assertThat(graph.targets().stream().filter(target -> target.endsWith("/$batch")).count())
				.as("the only requests other than GETs are the re-reads by id ($batch of GETs)")
				.isEqualTo(graph.writes());
		}
	}

	/**
	 * Was "run 1 FAILED: IOException: No space left on device" (and, for {@code report},
	 * "error: the network failed"): no file named, a full disk taken for the network.
	 * {@code /dev/full} plays the full disk under the report folder.
	 */
	@Case
	void reportFolderOnAFullDiskMidApply() throws IOException {
		Path definition = disableAll();
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		Path csv = Files.createDirectories(dir.resolve("reports/1")).resolve("groups.csv");
		Files.createSymbolicLink(csv, Path.of("/dev/full"));

		PackagedCli.Result result = expectChanged(330,
				"the report folder's disk full at the end of an apply (`groups.csv` on `/dev/full`; `resume` writes "
						+ "the report once there is room)",
				2, List.copyOf(planned), cli, "apply", "--definition", definition.toString());
		assertThat(result.err()).startsWith("error: cannot write " + csv
				+ ": No space left on device; check that writeback.report.directory (WRITEBACK_REPORT_DIRECTORY) is a "
				+ "writable folder on a disk with free space")
			.doesNotContain("network");

		Files.delete(csv);
		PackagedCli.Result resumed = cli.run("resume", "--definition", definition.toString());
		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(csv).isRegularFile();
		DisableAll.assertApplied(sim, planned);
	}

	/**
	 * Was "Cannot deserialize value of type `java.lang.Boolean` from String "yes": only
	 * "true" or "false" recognized": YAML 1.1's yes/no/on/off are text to Jackson.
	 */
	@Case
	void yesAsABoolean() throws IOException {
		PackagedCli.Result result = expectInvalid(331, "`memberAudit: yes` (YAML 1.1's boolean)", cli, "apply",
				definition("name: x\naction: disable\nmemberAudit: yes\n"));
		assertThat(result.err())
			.contains("bad.yaml:3: field 'memberAudit': 'yes' is not allowed; use one of true, false")
			.doesNotContain("java.lang", "deserialize");
	}

	/**
	 * Was a kit for the 10 groups the first night disabled, exit 0, nothing said of the
	 * changes still to come: the on-premises steps prepared for part of the run.
	 */
	@Case
	void onPremKitOfAnApplyPausedAtMaxDuration() throws IOException {
		assertThat(cli.with("writeback.apply.max-duration", "1ms")
			.with("writeback.apply.chunk-size", "10")
			.run("apply", "--definition", disableAll().toString())
			.exitCode()).isEqualTo(5);

		PackagedCli.Result result = runClean(2, cli, "onprem-kit", "--run", "1", "--out",
				dir.resolve("kit").toString());
		record(332, "`onprem-kit --run 1` of an apply paused at `writeback.apply.max-duration`", "onprem-kit",
				result.err().lines().findFirst().orElse("(none)"), result.exitCode());
		assertThat(result.err()).startsWith("refused: run 1 has not finished (STOPPED)")
			.contains("finish it first with 'resume --definition " + dir.resolve("disable-all.yaml") + "'");
		assertThat(dir.resolve("kit")).doesNotExist();
	}

	/**
	 * Was a kit of the groups the apply disabled, exit 0, after its rollback had written
	 * them back again: the kit named them as the AD groups to expect deleted.
	 */
	@Case
	void onPremKitOfAnApplyItsRollbackUndid() throws IOException {
		assertThat(cli.run("apply", "--definition", disableAll().toString()).exitCode()).isZero();
		PackagedCli.Result rollback = cli.run("rollback", "--run", "1", "--apply");
		assertThat(rollback.exitCode()).as(rollback.all()).isZero();

		PackagedCli.Result result = runClean(2, cli, "onprem-kit", "--run", "1", "--out",
				dir.resolve("kit").toString());
		record(335, "`onprem-kit --run 1` of an apply that `rollback --run 1 --apply` undid", "onprem-kit",
				result.err().lines().findFirst().orElse("(none)").replaceAll(" at \\S+T\\S+\\)", " at <time>)"),
				result.exitCode());
		assertThat(result.err()).startsWith("refused: run 1 was undone by its rollback (run 2, apply, COMPLETED")
			.contains("would name groups that are written back again");
		assertThat(dir.resolve("kit")).doesNotExist();
	}

	/**
	 * Was one millisecond: {@code --older-than 1} meant as a day, with {@code --apply},
	 * pruned every run retention may prune.
	 */
	@Case
	void pruneOlderThanANumberWithoutItsUnit() {
		PackagedCli.Result result = expect(336, "`prune --older-than 1 --apply` (no unit)", 2, cli, "prune",
				"--older-than", "1", "--apply");
		assertThat(result.err()).startsWith("error: Invalid value for option '--older-than': '1' has no unit");
	}

	/** Was an empty kit, exit 0: a plan disabled nothing. */
	@Case
	void onPremKitOfAPlan() throws IOException {
		assertThat(cli.run("plan", "--definition", disableAll().toString()).exitCode()).isZero();

		PackagedCli.Result result = runClean(2, cli, "onprem-kit", "--run", "1", "--out",
				dir.resolve("kit").toString());
		record(333, "`onprem-kit --run 1` of a plan (a dry run)", "onprem-kit",
				result.err().lines().findFirst().orElse("(none)"), result.exitCode());
		assertThat(result.err()).startsWith("refused: run 1 was a dry run (plan): it changed nothing");
		assertThat(dir.resolve("kit")).doesNotExist();
	}

	/**
	 * Was "cannot write .../reports/1/groups.csv: .../reports/1": the path alone, not
	 * what is wrong with it.
	 */
	@Case
	void reportOfARunWhoseFolderIsAFile() throws IOException {
		assertThat(cli.run("plan", "--definition", disableAll().toString()).exitCode()).isZero();
		Path folder = dir.resolve("reports/1");
		try (var files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		Files.writeString(folder, "not a folder");

		PackagedCli.Result result = expect(334, "`report --run 1` when `reports/1` is a file", 2, cli, "report",
				"--run", "1");
		assertThat(result.err()).startsWith("error: cannot write " + folder.resolve("groups.csv") + ": " + folder
				+ ": a file of that name is in the way; check that writeback.report.directory");
	}

	/**
	 * Was "error: the network failed (IOException: No space left on device)": the
	 * template engine wraps the full disk's IOException while the page (larger than a
	 * write buffer) is written, and that was taken for the network.
	 */
	@Case
	void reportPageOfARunOnAFullDisk() throws IOException {
		assertThat(cli.run("plan", "--definition", disableAll().toString()).exitCode()).isZero();
		Path page = dir.resolve("reports/1/report.html");
		Files.delete(page);
		Files.createSymbolicLink(page, Path.of("/dev/full"));

		PackagedCli.Result result = expect(176,
				"`report --run 1` when the disk is full under `report.html` " + "(`/dev/full`)", 2, cli, "report",
				"--run", "1");
		assertThat(result.err())
			.startsWith("error: cannot write " + page + ": No space left on device; check that "
					+ "writeback.report.directory")
			.doesNotContain("network");
	}

}
