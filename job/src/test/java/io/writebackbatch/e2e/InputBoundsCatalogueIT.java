package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Catalogue cases 40-59: inputs read within bounds (id files, CLI options) and outcomes
 * that tell the truth (folders checked before anything changes, expected refusals without
 * a stack trace), issue 15 items 3 and 4.
 */
class InputBoundsCatalogueIT extends PackagedCatalogue {

	/**
	 * Refusals made before Spring starts end in about a JVM start; a hang would show as a
	 * kill at this bound.
	 */
	static final Duration QUICK = Duration.ofSeconds(60);

	@Case
	void deviceAsIdFile() throws IOException {
		Path file = definition("action: disable\nfilters:\n  excludeIdsFile: /dev/zero\n");
		PackagedCli.Result result = expectInvalid(40, "`excludeIdsFile: /dev/zero` (a device that never ends)",
				cli.within(QUICK), "apply", file);
		assertThat(result.err()).contains("/dev/zero is not a regular file (a device, pipe or socket)");
	}

	@Case
	void fifoAsIdFile() throws Exception {
		Path fifo = dir.resolve("ids.fifo");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		Path file = definition("action: disable\nfilters:\n  excludeIdsFile: ids.fifo\n");
		PackagedCli.Result result = expectInvalid(41, "`excludeIdsFile` naming a FIFO nobody writes to",
				cli.within(QUICK), "apply", file);
		assertThat(result.err()).contains("ids.fifo is not a regular file");
	}

	@Case
	void hugeIdFile() throws IOException {
		try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("huge.txt").toFile(), "rw")) {
			sparse.setLength(3_000_000_000L);
		}
		Path file = definition("action: disable\nfilters:\n  idsFile: huge.txt\n");
		PackagedCli.Result result = expectInvalid(42, "`idsFile` of 3 GB", cli.within(QUICK), "apply", file);
		assertThat(result.err()).contains("huge.txt is larger than 100 MB");
	}

	@Case
	void byteOrderMarkInIdFile() throws IOException {
		List<String> toChange = new ArrayList<>(DisableAll.groupsToChange(sim.tenant().unifiedGroups()));
		String kept = toChange.remove(0);
		Files.write(dir.resolve("keep.txt"), ("\uFEFF" + kept + "\r\n").getBytes(StandardCharsets.UTF_8));
		Path file = definition("action: disable\nfilters:\n  excludeIdsFile: keep.txt\n");
		expectChanged(43, "`excludeIdsFile` saved with a byte-order mark (the BOM is ignored, the id kept)", 0,
				toChange, cli, "apply", "--definition", file.toString());
		DisableAll.assertApplied(sim, Set.copyOf(toChange));
	}

	@Case
	void invisibleCharacterInAnId() throws IOException {
		String id = "00000000-0000-4000-8000-000000000002";
		Files.writeString(dir.resolve("keep.txt"), "# keep\n" + id.substring(0, 9) + "\u200B" + id.substring(9) + "\n");
		Path file = definition("action: disable\nfilters:\n  excludeIdsFile: keep.txt\n");
		PackagedCli.Result result = expectInvalid(44, "an id with a zero-width space in `excludeIdsFile`",
				cli.within(QUICK), "apply", file);
		assertThat(result.err()).contains("keep.txt:2: '00000000-\\u200B0000-4000");
	}

	@Case
	void precedenceOutOfRange() {
		PackagedCli.Result result = expect(45, "`onprem-kit --precedence 100`", 2, cli.within(QUICK), "onprem-kit",
				"--run", "1", "--precedence", "100");
		assertThat(result.err()).contains("--precedence must be between 0 and 99").contains("built-in");
	}

	@Case
	void misspeltCommand() {
		PackagedCli.Result result = expect(46, "a misspelt command `pln`", 2, cli.within(QUICK), "pln", "--definition",
				"jobs/disable-all.yaml");
		assertThat(result.err()).contains("Unmatched argument").contains("Did you mean").contains("plan");
	}

	@Case
	void runIdThatIsNotANumber() {
		PackagedCli.Result result = expect(47, "`rollback --run abc`", 2, cli.within(QUICK), "rollback", "--run",
				"abc");
		assertThat(result.err()).contains("'abc' is not a long").contains("rollback --help");
	}

	@Case
	void definitionOptionWithoutValue() {
		PackagedCli.Result result = expect(48, "`--definition` without a file", 2, cli.within(QUICK), "apply",
				"--definition");
		assertThat(result.err()).contains("Missing required parameter for option '--definition'");
	}

	@Case
	void reportFolderThatIsAFile() throws IOException {
		Path notAFolder = Files.writeString(dir.resolve("reports.txt"), "a file");
		PackagedCli.Result result = expectInvalid(49, "report folder (`WRITEBACK_REPORT_DIRECTORY`) below a file",
				cli.with("writeback.report.directory", notAFolder.resolve("reports").toString()), "apply",
				BadInputCatalogueIT.DISABLE_ALL);
		assertThat(result.err()).contains("the report folder")
			.contains("reports.txt/reports cannot be written")
			.contains("nothing was changed")
			.contains("WRITEBACK_REPORT_DIRECTORY");
	}

	@Case
	void jobRepositoryFolderThatIsAFile() throws IOException {
		Path notAFolder = Files.writeString(dir.resolve("data.txt"), "a file");
		PackagedCli.Result result = expectInvalid(50, "H2 job repository (`SPRING_DATASOURCE_URL`) below a file",
				cli.with("spring.datasource.url", "jdbc:h2:file:" + notAFolder.resolve("writeback")), "apply",
				BadInputCatalogueIT.DISABLE_ALL);
		assertThat(result.err()).contains("the job repository folder")
			.contains("data.txt cannot be written")
			.contains("SPRING_DATASOURCE_URL");
	}

	@Case
	void maxChangesExceeded() throws IOException {
		Path file = definition("action: disable\nmaxChanges: 2\n");
		PackagedCli.Result result = expectInvalid(51, "a plan larger than `maxChanges` (the documented refusal)", cli,
				"apply", file);
		assertThat(result.err()).contains("more than maxChanges: 2; nothing was applied");
		assertThat(result.out()).as("the log says it in one line")
			.contains("error executing step maxChangesCheck in job " + "writeback: the plan has");
	}

}
