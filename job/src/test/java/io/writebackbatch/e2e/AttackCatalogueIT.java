package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.writebackbatch.simulator.FaultConfig;

/**
 * What a careless operator and a misbehaving Graph found in the packaged CLI (cases
 * 320-339): a job repository of a database whose driver the jar does not bundle,
 * definition values of the wrong shape described in Java's words, and a graceful stop on
 * a user-supplied H2 URL that H2's own shutdown hook used to close under the stopping
 * run.
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
	@Case
	void sigtermMidApplyOnAnOperatorsH2Url() throws Exception {
		Path definition = disableAll();
		Set<String> planned = DisableAll.groupsToChange(sim.tenant().unifiedGroups());
		PackagedCli job = cli.with("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("data/writeback"))
			.with("writeback.shutdown.grace-period", "20s");
		sim.faults(FaultConfig.none().latency(Duration.ofMillis(1500), Duration.ZERO));
		PackagedCli.Started apply = job.start("apply", "--definition", definition.toString());
		awaitOutput(apply, "planned changes");
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

	private static void awaitOutput(PackagedCli.Started started, String text) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!Files.readString(started.out()).contains(text)) {
			assertThat(started.process().isAlive()).as("the command ended before printing '%s'", text).isTrue();
			assertThat(System.nanoTime()).as("'%s' within 120 s", text).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

}
