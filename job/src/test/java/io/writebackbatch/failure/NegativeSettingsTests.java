package io.writebackbatch.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/**
 * Every number and duration among the job's settings, given a negative value (and the
 * settings that must be more than zero, given 0), is refused when its settings record is
 * bound, in the failure's words naming the setting (exit 2). Generated from the
 * configuration metadata: a setting added to a record gets its row. Found by an attack:
 * {@code writeback.runs.repository-check-interval=0s} ended with a bare
 * IllegalArgumentException and its stack trace (exit 1), {@code chunk-size=0} with Spring
 * Batch's, and {@code max-retries=-1} was taken.
 */
class NegativeSettingsTests {

	/** Settings where 0 means nothing sensible: each must be refused at 0 too. */
	private static final Set<String> MORE_THAN_ZERO = Set.of("writeback.apply.chunk-size", "writeback.graph.page-size",
			"writeback.graph.max-concurrent-batches", "writeback.graph.batch.call-timeout",
			"writeback.graph.batch.no-progress-timeout", "writeback.graph.call.deadline",
			"writeback.graph.call.connect-timeout", "writeback.apply.write-rate", "writeback.runs.stale-after",
			"writeback.runs.repository-check-interval", "writeback.runs.repository-check-timeout",
			"writeback.runs.lock-lease", "writeback.retention.keep-applies");

	private static final Map<String, String> NEGATIVE = Map.of("java.lang.Integer", "-1", "java.lang.Double", "-1",
			"java.time.Duration", "-1s");

	private static final Map<String, String> ZERO = Map.of("java.lang.Integer", "0", "java.lang.Double", "0",
			"java.time.Duration", "0s");

	/** (setting, its record's prefix, the record's class name, its type) */
	static List<Arguments> numberSettings() throws IOException {
		List<Arguments> rows = new ArrayList<>();
		try (InputStream in = NegativeSettingsTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			JsonNode metadata = JsonMapper.shared().readTree(in);
			for (JsonNode group : metadata.path("groups")) {
				String prefix = group.path("name").asString();
				String type = group.path("type").asString();
				for (JsonNode property : metadata.path("properties")) {
					String name = property.path("name").asString();
					String valueType = property.path("type").asString("");
					if (type.equals(property.path("sourceType").asString(""))
							&& name.equals(prefix + "." + name.substring(prefix.length() + 1))
							&& NEGATIVE.containsKey(valueType)) {
						rows.add(Arguments.of(name, prefix, type, valueType));
					}
				}
			}
		}
		return rows;
	}

	@Test
	void theRowsCoverTheSettingsThatWereTaken() throws IOException {
		assertThat(numberSettings()).extracting(row -> (String) row.get()[0])
			.contains("writeback.apply.chunk-size", "writeback.apply.max-failures", "writeback.graph.max-retries",
					"writeback.graph.max-retry-wait", "writeback.runs.repository-check-interval")
			.containsAll(MORE_THAN_ZERO);
	}

	@ParameterizedTest(name = "{0} = negative")
	@MethodSource("numberSettings")
	void aNegativeNumberIsRefusedNamingTheSetting(String name, String prefix, String type, String valueType)
			throws ClassNotFoundException {
		assertRefused(name, prefix, type, NEGATIVE.get(valueType));
	}

	@ParameterizedTest(name = "{0} = 0")
	@MethodSource("numberSettings")
	void zeroIsRefusedWhereItMeansNothing(String name, String prefix, String type, String valueType)
			throws ClassNotFoundException {
		if (MORE_THAN_ZERO.contains(name)) {
			assertRefused(name, prefix, type, ZERO.get(valueType));
		}
	}

	private static void assertRefused(String name, String prefix, String type, String value)
			throws ClassNotFoundException {
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(Map.of(name, value))), null,
				ApplicationConversionService.getSharedInstance());
		Class<?> settings = Class.forName(type);

		Throwable refused = catchThrowable(() -> binder.bindOrCreate(prefix, settings));

		assertThat(refused).as("%s = %s was taken", name, value).isNotNull();
		Failure failure = Failures.classify(refused);
		assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
		assertThat(failure.message()).as("the operator's line").contains(name.substring(prefix.length() + 1));
	}

}
