package io.writebackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DurationSettingsTests {

	@Test
	void everyDurationSettingOfTheJobIsKnownFromTheMetadata() {
		assertThat(DurationSettings.names()).allMatch(name -> name.startsWith("writeback."))
			.contains("writeback.apply.max-duration", "writeback.change-control.max-plan-age",
					"writeback.change-control.full-inventory-every", "writeback.graph.max-retry-wait",
					"writeback.retention.max-age");
	}

	static List<String> durationSettings() {
		return DurationSettings.names();
	}

	@ParameterizedTest
	@MethodSource("durationSettings")
	void aNumberWithoutItsUnitIsRefusedNamingTheSettingAndTheFix(String name) {
		WritebackFailure refused = catchThrowableOfType(WritebackFailure.class,
				() -> DurationSettings.check(environment(new MapPropertySource("settings", Map.of(name, "330")))));

		assertThat(refused.failureKind()).isEqualTo(FailureKind.INVALID_INPUT);
		assertThat(refused).hasMessage("setting " + name + " = '330' has no unit: Spring would read it as 330 "
				+ "milliseconds; write a number and its unit, e.g. 30s, 330m, 7d");
	}

	@ParameterizedTest
	@MethodSource("durationSettings")
	void aDurationWithItsUnitPasses(String name) {
		assertThatNoException().isThrownBy(
				() -> DurationSettings.check(environment(new MapPropertySource("settings", Map.of(name, "330m")))));
	}

	@Test
	void anEnvironmentVariableWithoutItsUnitIsRefusedToo() {
		WritebackFailure refused = catchThrowableOfType(WritebackFailure.class,
				() -> DurationSettings.check(environment(
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("WRITEBACK_APPLY_MAXDURATION", "330")))));

		assertThat(refused).hasMessageStartingWith("setting writeback.apply.max-duration = '330' has no unit");
	}

	private static StandardEnvironment environment(PropertySource<?> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(settings);
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
