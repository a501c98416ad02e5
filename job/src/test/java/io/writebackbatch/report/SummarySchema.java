package io.writebackbatch.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a summary.json the way a consumer would: only after checking it against
 * summary.schema.json.
 */
public final class SummarySchema {

	private static final Schema SCHEMA = load();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SummarySchema() {
	}

	/**
	 * The summary in {@code file}; fails with every schema violation when it does not
	 * hold to the contract.
	 */
	public static JsonNode read(Path file) {
		JsonNode summary = JSON.readTree(file.toFile());
		List<Error> errors = SCHEMA.validate(summary);
		if (!errors.isEmpty()) {
			throw new AssertionError(file + " does not match summary.schema.json: " + errors + "\n" + summary);
		}
		return summary;
	}

	/**
	 * The digest that plan run {@code run} sealed, from its summary under
	 * {@code reports}.
	 */
	public static String planDigest(Path reports, long run) {
		return read(reports.resolve(run + "/summary.json")).path("changeControl")
			.path("plan")
			.path("digest")
			.asString();
	}

	private static Schema load() {
		try (InputStream schema = RunReport.class.getResourceAsStream("summary.schema.json")) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
		}
		catch (IOException e) {
			throw new IllegalStateException("summary.schema.json is missing", e);
		}
	}

}
