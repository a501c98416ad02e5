package io.writebackbatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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

	private static final Pattern NUMBER_ALONE = Pattern.compile("\\s*[-+]?\\d+\\s*");

	/** Read once: the metadata is the jar's, the same for every command of the JVM. */
	private static final List<String> NAMES = read();

	private DurationSettings() {
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
	 * Only the job's own metadata, the one beside this class: the other jars' (Spring
	 * Boot's modules, some 360 KB of JSON) name no {@code writeback.} setting, and
	 * parsing them was a tenth of a second of every command's start.
	 */
	private static List<String> read() {
		List<String> names = new ArrayList<>();
		String root = classpathRoot();
		try {
			for (URL metadata : Collections.list(DurationSettings.class.getClassLoader().getResources(METADATA))) {
				if (!metadata.toString().startsWith(root)) {
					continue;
				}
				try (InputStream in = metadata.openStream()) {
					for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
						String name = property.path("name").asString("");
						if (name.startsWith("writeback.")
								&& "java.time.Duration".equals(property.path("type").asString(""))) {
							names.add(name);
						}
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return List.copyOf(names);
	}

	/**
	 * Where this class's own classes are, as the class loader writes its URLs (a folder,
	 * the application jar, or a jar nested in the packaged one).
	 */
	private static String classpathRoot() {
		String self = DurationSettings.class.getName().replace('.', '/') + ".class";
		URL classFile = Objects.requireNonNull(DurationSettings.class.getClassLoader().getResource(self), self);
		String url = classFile.toString();
		return url.substring(0, url.length() - self.length());
	}

}
