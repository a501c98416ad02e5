package io.writebackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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

	/** Every option of every command that takes a duration. */
	static List<Arguments> durationOptions() {
		List<Arguments> options = new ArrayList<>();
		WritebackCli.commandLine()
			.getSubcommands()
			.forEach((name, command) -> command.getCommandSpec()
				.options()
				.stream()
				.filter(option -> option.type() == Duration.class)
				.forEach(option -> options.add(Arguments.of(name, option.longestName()))));
		return options;
	}

	@Test
	void theDurationOptionsAreFoundInTheCommandLine() {
		assertThat(durationOptions()).extracting(arguments -> List.of(arguments.get()))
			.contains(List.of("prune", "--older-than"));
	}

	/**
	 * {@code prune --older-than 1} meant as a day was read as one millisecond: every run
	 * retention may prune was pruned.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("durationOptions")
	void aDurationOptionWithoutItsUnitOrNotADurationIsRefusedBeforeAnythingRuns(String command, String option) {
		for (String value : List.of("1", "soon")) {
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();

			int code = WritebackCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), command, option,
					value);

			assertThat(code).as(err.toString()).isEqualTo(FailureKind.INVALID_INPUT.exitCode());
			assertThat(err.toString())
				.startsWith("error: Invalid value for option '" + option + "': '" + value + "' " + (value.equals("1")
						? "has no unit (a number alone would be read as milliseconds)" : "is not a duration"))
				.contains("e.g. 36h, 14d")
				.doesNotContain("Exception");
		}
	}

	private static StandardEnvironment environment(PropertySource<?> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(settings);
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
