package io.writebackbatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings of one command run in-process
 * ({@link WritebackCli#execute(java.io.PrintWriter, java.io.PrintWriter, Map, String...)}):
 * they rank as system properties do, for that command only. System properties are the
 * JVM's, so commands run side by side in one JVM (an embedding application, the tests'
 * matrix) would see each other's.
 */
final class InvocationSettings {

	static final String SOURCE_NAME = "invocationSettings";

	private static final ThreadLocal<Map<String, String>> CURRENT = ThreadLocal.withInitial(Map::of);

	private InvocationSettings() {
	}

	/** Runs {@code command} on this thread with {@code settings}. */
	static int with(Map<String, String> settings, IntSupplier command) {
		CURRENT.set(Map.copyOf(settings));
		try {
			return command.getAsInt();
		}
		finally {
			CURRENT.remove();
		}
	}

	/**
	 * A setting of this invocation, else the system property, else the environment
	 * variable (as Spring ranks them), for the few read before Spring starts.
	 */
	static Optional<String> get(String name, String environmentVariable) {
		String value = CURRENT.get().get(name);
		if (value == null) {
			value = System.getProperty(name, System.getenv(environmentVariable));
		}
		return Optional.ofNullable(value);
	}

	/**
	 * The environment a command's Spring context starts from: this invocation's settings
	 * just above the system properties, or none (Spring's own) when it has none.
	 */
	static Optional<StandardEnvironment> environment() {
		Map<String, String> settings = CURRENT.get();
		if (settings.isEmpty()) {
			return Optional.empty();
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
					new MapPropertySource(SOURCE_NAME, new LinkedHashMap<>(settings)));
		return Optional.of(environment);
	}

}
