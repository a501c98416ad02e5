package io.writebackbatch.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.writebackbatch.cli.WritebackCli;

/**
 * Runs the CLI in-process against a simulator, with its own in-memory job repository and
 * report folder. Its settings are the command's own (they rank as system properties).
 */
public final class Cli {

	public record Result(int exitCode, String out, String err) {

		public String all() {
			return out + err;
		}
	}

	private final Map<String, String> properties;

	public Cli(String baseUrl, String token, Path reports) {
		this(Map.of("writeback.graph.base-url", baseUrl, "writeback.graph.access-token", token, "spring.datasource.url",
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "writeback.report.directory",
				reports.toString(), "writeback.graph.max-retry-wait", "2s"));
	}

	private Cli(Map<String, String> properties) {
		this.properties = properties;
	}

	/**
	 * The same CLI with one Spring property replaced (e.g. another token or base URL).
	 */
	public Cli with(String property, String value) {
		Map<String, String> changed = new HashMap<>(properties);
		changed.put(property, value);
		return new Cli(Map.copyOf(changed));
	}

	public Result run(String... args) {
		return run(Map.of(), args);
	}

	/**
	 * Runs one command with extra Spring properties for it only: the settings rank as
	 * system properties, for this command's thread alone, so commands may run side by
	 * side.
	 */
	public Result run(Map<String, String> extra, String... args) {
		Map<String, String> settings = new HashMap<>(properties);
		settings.putAll(extra);
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = WritebackCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), settings, args);
		return new Result(code, out.toString(), err.toString());
	}

}
