package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import io.writebackbatch.simulator.GraphModes;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run proves its tenant before it reads or writes anything: a token of another tenant
 * (read from a JWT's {@code tid}, or asked of {@code GET /organization} for an opaque
 * one) is refused naming both; runs recorded before runs had a tenant are refused until
 * {@code assign-tenant} names it, and then resume as before.
 */
class TenantFunctionalTests {

	static final String TENANT = "11111111-1111-4111-8111-111111111111";

	static final String OTHER = "22222222-2222-4222-8222-222222222222";

	@TempDir
	Path dir;

	GraphSimulator jwt;

	GraphSimulator opaque;

	@BeforeEach
	void tenants() throws Exception {
		jwt = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("jwt")
			.readOnlyToken("reader")
			.jwtTokens(true)
			// an app granted group writes only: the new-group default's permission is
			// missing
			.modes(GraphModes.defaults().grants(Set.of(GraphModes.GROUP_READ, GraphModes.GROUP_READ_WRITE)))
			.tenantId(TENANT)
			.seed(3)
			.unifiedGroups(60)
			.build());
		opaque = GraphSimulator
			.start(SimulatorConfig.builder().port(0).token("opaque").tenantId(OTHER).seed(4).unifiedGroups(60).build());
	}

	@AfterEach
	void stop() {
		jwt.close();
		opaque.close();
	}

	Cli cli(GraphSimulator sim) {
		return new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports"));
	}

	@Test
	void aJwtOfAnotherTenantIsRefusedBeforeAnyRequest() {
		Cli.Result apply = cli(jwt).with("writeback.tenant.id", OTHER)
			.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
		assertThat(apply.err()).contains("the token is for tenant " + TENANT)
			.contains("runs for tenant " + OTHER)
			.contains("nothing was read or written");
		assertThat(jwt.counters().requests()).as("requests Graph received").isZero();
	}

	@Test
	void anOpaqueTokenOfAnotherTenantIsRefusedBeforeAnyWrite() {
		Cli.Result apply = cli(opaque).with("writeback.tenant.id", TENANT)
			.run("apply", "--definition", "jobs/disable-all.yaml");

		assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
		assertThat(apply.err()).contains("the token is for tenant " + OTHER).contains("runs for tenant " + TENANT);
		assertThat(opaque.counters().requests()).as("only GET /organization").isEqualTo(1);
		assertThat(opaque.audit()).isEmpty();
	}

	@Test
	void aDeclaredTenantMatchingTheTokenRunsAndIsRecorded() {
		Cli cli = cli(opaque).with("writeback.tenant.id", OTHER.toUpperCase());

		Cli.Result plan = cli.run("plan", "--definition", "jobs/disable-all.yaml");

		assertThat(plan.exitCode()).as(plan.all()).isZero();
		assertThat(cli.run("runs").out()).containsPattern("(?m)^1 .* COMPLETED .*  " + OTHER + " \\(global\\)$");
	}

	@Test
	void aBadDeclarationIsRefusedWithTheFix() {
		Cli.Result apply = cli(jwt).with("writeback.tenant.id", "contoso\u001b[2J")
			.run("plan", "--definition", "jobs/disable-all.yaml");

		assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
		assertThat(apply.err()).contains("WRITEBACK_TENANT_ID").contains("is not a tenant id").doesNotContain("\u001b");
		Cli.Result cloud = cli(jwt).with("writeback.tenant.cloud", "us-government-l4")
			.run("plan", "--definition", "jobs/disable-all.yaml");
		assertThat(cloud.exitCode()).as(cloud.all()).isEqualTo(2);
		assertThat(cloud.err()).contains("us-government-l4").contains("https://graph.microsoft.us/beta");
		assertThat(jwt.counters().requests()).isZero();
	}

	@Test
	void checkProvesTheTenantPermissionsAndGraphWritingNothing() {
		Cli cli = cli(jwt).with("writeback.tenant.id", TENANT);

		Cli.Result check = cli.run("check", "--definition", "jobs/disable-all.yaml", "--definition",
				"jobs/microsoft-procedure.yaml");

		assertThat(check.exitCode()).as(check.all()).isEqualTo(2);
		assertThat(check.out()).containsPattern("(?m)^ok +credential ")
			.containsPattern("(?m)^ok +tenant +the token is for tenant " + TENANT + " \\(global\\), as declared")
			.containsPattern("(?m)^ok +permissions of disable-all +granted")
			.containsPattern("(?m)^FAIL +permissions of microsoft-procedure +the token lacks GroupSettings")
			.containsPattern("(?m)^ok +graph +answered: 60 Microsoft 365 groups")
			.containsPattern("(?m)^ok +first apply of disable-all +at most about 1 s for 60 groups at 60 writes/s");
		Cli.Result reader = cli.with("writeback.graph.access-token", jwt.readOnlyToken())
			.run("check", "--definition", "jobs/disable-all.yaml");
		assertThat(reader.exitCode()).as(reader.all()).isEqualTo(2);
		assertThat(reader.out()).contains("the token lacks Group.ReadWrite.All");
		Cli.Result other = cli.with("writeback.tenant.id", OTHER).run("check", "--definition", "jobs/disable-all.yaml");
		assertThat(other.exitCode()).as(other.all()).isEqualTo(2);
		assertThat(other.out()).containsPattern("(?m)^FAIL +tenant +the token is for tenant " + TENANT);
		assertThat(jwt.audit()).as("what check wrote").isEmpty();
		assertThat(cli.run("runs").out().lines()).as("runs check left").hasSize(1);
	}

	@Test
	void runsRecordedWithoutATenantAreRefusedUntilOneIsAssignedThenResume() throws Exception {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		Set<String> expected = DisableAll.groupsToChange(opaque.tenant().unifiedGroups());
		Path definitionFile = dir.resolve("disable-all.yaml");
		Files.copy(Path.of("jobs/disable-all.yaml"), definitionFile);
		JobDefinition definition = new JobDefinitionLoader().load(definitionFile);
		// a repository as the previous version left it: migrated up to V12, one
		// unfinished
		// apply without a tenant
		Flyway.configure()
			.dataSource(url, "sa", "")
			.locations("classpath:io/writebackbatch/staging/migration")
			.target("12")
			.load()
			.migrate();
		String[][] parameters = { { "definition", definitionFile.toAbsolutePath().toString() },
				{ "definitionName", definition.name() }, { "definitionSha256", definition.sha256() },
				{ "mode", "apply" }, { "requestedAt", "2026-12-01T00:00:00Z" } };
		JobParametersBuilder identifying = new JobParametersBuilder();
		for (String[] parameter : parameters) {
			identifying.addString(parameter[0], parameter[1]);
		}
		String jobKey = new DefaultJobKeyGenerator().generateKey(identifying.toJobParameters());
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement sql = connection.createStatement()) {
			sql.execute("INSERT INTO BATCH_JOB_INSTANCE VALUES (1000, 0, 'writeback', '" + jobKey + "')");
			// as the job repository's sequences would stand after run 1000
			sql.execute("ALTER SEQUENCE BATCH_JOB_INSTANCE_SEQ RESTART WITH 1001");
			sql.execute("ALTER SEQUENCE BATCH_JOB_EXECUTION_SEQ RESTART WITH 1001");
			sql.execute("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, "
					+ "START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) VALUES (1000, 1, 1000, "
					+ "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'FAILED', 'FAILED', '', CURRENT_TIMESTAMP)");
			for (String[] parameter : parameters) {
				sql.execute("INSERT INTO BATCH_JOB_EXECUTION_PARAMS VALUES (1000, '" + parameter[0]
						+ "', 'java.lang.String', '" + parameter[1] + "', 'Y')");
			}
		}
		Cli cli = cli(opaque).with("spring.datasource.url", url);

		Cli.Result refused = cli.run("scheduled", "--definition", definitionFile.toString());

		assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
		assertThat(refused.err()).contains("1 run recorded before runs had a tenant")
			.contains("assign-tenant --tenant");
		assertThat(cli.run("prune").exitCode()).as("retention refuses too").isEqualTo(2);
		Path fleet = Files.writeString(dir.resolve("fleet.yaml"),
				"tenants:\n  - name: other\n    tenantId: " + OTHER + "\n    credential: {clientId: " + TENANT
						+ "}\n    definitions: [disable-all.yaml]\n    schedule: " + "\"@daily\"\n");
		Cli.Result fleetRuns = cli.run("runs", "--fleet", fleet.toString());
		assertThat(fleetRuns.exitCode()).as("the fleet's runs refuse rather than show 'no runs'").isEqualTo(2);
		assertThat(fleetRuns.err()).contains("assign-tenant --tenant");
		assertThat(opaque.counters().requests()).as("nothing asked of any tenant").isZero();

		Cli.Result assigned = cli.run("assign-tenant", "--tenant", OTHER);
		assertThat(assigned.exitCode()).as(assigned.all()).isZero();
		assertThat(assigned.out()).contains("assigned 1 run to tenant " + OTHER + " (global)");
		assertThat(cli.run("assign-tenant", "--tenant", OTHER).out()).contains("nothing to assign");

		Cli.Result resumed = cli.run("scheduled", "--definition", definitionFile.toString());
		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(cli.run("runs", "--fleet", fleet.toString()).out()).as("the assigned run, resumed")
			.containsPattern("(?m)^other +disable-all +1000 apply +COMPLETED ");
		assertThat(cli.run("runs").out()).containsPattern("(?m)^1000 .* COMPLETED ");
		DisableAll.assertApplied(opaque, expected);
	}

}
