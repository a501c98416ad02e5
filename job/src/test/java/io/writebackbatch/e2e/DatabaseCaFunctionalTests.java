package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A PostgreSQL URL whose CA (or client certificate) file is missing or not a file: a
 * person must mount it (exit 2, the file named), before any connection is tried; not a
 * transient failure retried every night.
 */
class DatabaseCaFunctionalTests {

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}={1}: {2}")
	@CsvSource({ "sslrootcert, missing/root.crt, does not exist", "sslrootcert, folder, is a folder",
			"sslcert, missing/client.crt, does not exist" })
	void aCertificateFileThatCannotBeReadIsExit2NamingTheFile(String parameter, String file, String problem)
			throws Exception {
		Files.createDirectories(dir.resolve("folder"));
		Path path = dir.resolve(file);
		String url = "jdbc:postgresql://127.0.0.1:9/writeback?sslmode=verify-full&" + parameter + "=" + path;

		Cli.Result plan = new Cli("http://127.0.0.1:9/beta", "token", dir.resolve("reports"))
			.with("spring.datasource.url", url)
			.run("plan", "--definition", "jobs/disable-all.yaml");

		assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
		assertThat(plan.err()).contains(parameter + "=" + path).contains(problem).contains("CA certificate");
		assertThat(plan.all()).doesNotContain("at org.").doesNotContain("Exception");
	}

}
