package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.writebackbatch.JobJvm;
import io.writebackbatch.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job process killed (SIGKILL) mid-inventory whose saved page link has expired by the
 * time it is resumed: the resumed run lists again from the first page and ends as an
 * uninterrupted run would. (Signals in every phase, on each repository, continued by each
 * command: {@link KillMatrixIT}.)
 */
class CrashRecoveryFunctionalIT {

	private static final int CHUNK = 100;

	@TempDir
	Path dir;

	@RegisterExtension
	final DisableAllTenant tenant = new DisableAllTenant("crash-token", 11);

	@Test
	void anExpiredSavedPageLinkMeansListingAgainFromTheStart() throws Exception {
		killWhen(() -> tenant.sim().counters().groupListPages() >= 12);
		// the saved link is older than this by the time the resumed process uses it (the
		// wait makes sure); fresh
		// links are not, even on a loaded machine where a page can take a second or more
		tenant.sim().skipTokenTtl(Duration.ofSeconds(5));
		Thread.sleep(5500);

		Result resumed = job("resume", "--definition", "jobs/disable-all.yaml");

		assertThat(resumed.exitCode()).as(resumed.output()).isZero();
		assertThat(resumed.output()).contains("listing again from the first page");
		assertFinalState();
		assertThat(patched()).doesNotHaveDuplicates();
	}

	private void assertFinalState() {
		DisableAll.assertApplied(tenant.sim(), tenant.expected());
	}

	private List<String> patched() {
		return DisableAll.patchedGroups(tenant.sim());
	}

	private void killWhen(BooleanSupplier condition) throws Exception {
		Process process = start("apply", "--definition", "jobs/disable-all.yaml");
		CliProcess.awaitWhileAlive(process, condition);
		process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

	record Result(int exitCode, String output) {
	}

	private Result job(String... args) throws Exception {
		Process process = start(args);
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private Process start(String... args) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(PackagedJar.IMAGE.javaCommand(JobJvm.OPTIONS, List.of(args)))
			.redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.put("GRAPH_BASE_URL", tenant.sim().baseUrl());
		env.put("GRAPH_ACCESS_TOKEN", "crash-token");
		env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("db/writeback") + ";WRITE_DELAY=0");
		env.put("WRITEBACK_REPORT_DIRECTORY", dir.resolve("reports").toString());
		env.put("WRITEBACK_GRAPH_PAGE_SIZE", "50");
		env.put("WRITEBACK_APPLY_CHUNK_SIZE", Integer.toString(CHUNK));
		env.put("WRITEBACK_GRAPH_MAX_CONCURRENT_BATCHES", "2");
		return builder.start();
	}

}
