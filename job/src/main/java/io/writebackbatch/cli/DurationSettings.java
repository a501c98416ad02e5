package io.writebackbatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses, before anything runs, a duration setting written without its unit: Spring
 * reads {@code 330} as 330 milliseconds, so {@code writeback.apply.max-duration: 330}
 * meant as minutes would pause every apply after its first chunk, and
 * {@code max-plan-age: 7} would refuse every plan. Which settings are durations comes
 * from the configuration metadata the build generates, so a new one is covered without a
 * change here. (A binding converter cannot refuse: Spring's binder tries its own
 * converter after one that failed.)
 */
final class DurationSettings {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String PREFIX = "writeback.";

	/** A JSON string that starts with the prefix: a name of one of the job's settings. */
	private static final String OWN_SETTING = "\"" + PREFIX;

	private static final Pattern NUMBER_ALONE = Pattern.compile("\\s*[-+]?\\d+\\s*");

	/** Read once: the metadata is the jar's, the same for every command of the JVM. */
	private static final List<String> NAMES = read();

	private DurationSettings() {
	}

	/**
	 * A command-line option that takes a duration ({@code prune --older-than}): the same
	 * rule as the settings, so {@code --older-than 1} meant as a day is refused rather
	 * than read as one millisecond (which would prune every run it may).
	 */
	static final class OptionValue implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			if (NUMBER_ALONE.matcher(value).matches()) {
				throw new TypeConversionException("'" + value.strip() + "' has no unit (a number alone would be "
						+ "read as milliseconds); write a number and its unit, e.g. 36h, 14d");
			}
			try {
				return DurationStyle.detectAndParse(value);
			}
			catch (IllegalArgumentException e) {
				throw new TypeConversionException(
						"'" + value.strip() + "' is not a duration: write a number and its unit, e.g. 36h, 14d");
			}
		}

	}

	static void check(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		for (String name : names()) {
			binder.bind(name, Bindable.of(String.class)).ifBound(value -> {
				if (NUMBER_ALONE.matcher(value).matches()) {
					throw new WritebackFailure(FailureKind.INVALID_INPUT,
							"setting " + name + " = '" + value.strip() + "' has no unit: Spring would read it as "
									+ value.strip() + " milliseconds; write a number and its unit, e.g. 30s, 330m, 7d");
				}
			});
		}
	}

	/**
	 * Every duration setting of the job (Spring's own may have another default unit, so
	 * their numbers alone are Spring's business).
	 */
	static List<String> names() {
		return NAMES;
	}

	/**
	 * Only the metadata that names a {@code writeback.} setting is parsed: the other
	 * jars' (Spring Boot's modules, some 360 KB of JSON) name none, and parsing them was
	 * a tenth of a second of every command's start. Chosen by content, not by location,
	 * which each way of starting the job (a folder, the image's application jar, Boot's
	 * nested jar) writes differently.
	 */
	private static List<String> read() {
		List<String> names = new ArrayList<>();
		try {
			for (URL metadata : Collections.list(DurationSettings.class.getClassLoader().getResources(METADATA))) {
				byte[] json;
				try (InputStream in = metadata.openStream()) {
					json = in.readAllBytes();
				}
				if (!new String(json, StandardCharsets.UTF_8).contains(OWN_SETTING)) {
					continue;
				}
				for (JsonNode property : JsonMapper.shared().readTree(json).path("properties")) {
					String name = property.path("name").asString("");
					if (name.startsWith(PREFIX) && "java.time.Duration".equals(property.path("type").asString(""))) {
						names.add(name);
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return List.copyOf(names);
	}

}
