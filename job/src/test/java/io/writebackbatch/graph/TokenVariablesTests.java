package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.signin.SignInProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.env.MockEnvironment;

/**
 * A token variable set but blank is refused where the credential is chosen, instead of
 * falling back to azure-identity; unset, or beside a token that decides, it changes
 * nothing. The packaged jar's own environment: ListingCatalogueIT cases 173-174.
 */
class TokenVariablesTests {

	static final GraphProperties NO_TOKEN = new GraphProperties("https://graph.microsoft.com/beta", "", "", "Low", 999,
			8, 0, 8, java.time.Duration.ofSeconds(120));

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "GRAPH_ACCESS_TOKEN|''|empty", "GRAPH_ACCESS_TOKEN|'  '|holds only white space",
					"GRAPH_ACCESS_TOKEN|'\t '|holds only white space", "GRAPH_ACCESS_TOKEN_FILE|''|empty" })
	void aVariableSetButBlankIsRefusedNamingItAndTheFix(String name, String value, String what) {
		GraphAccessException refused = catchThrowableOfType(GraphAccessException.class,
				() -> connect(NO_TOKEN, new MockEnvironment().withProperty(name, value)));

		assertThat(refused.failureKind()).isEqualTo(FailureKind.AUTHENTICATION);
		assertThat(refused.failureKind().exitCode()).isEqualTo(2);
		assertThat(refused.getMessage()).startsWith(name + " is set but " + what)
			.contains("does not fall back to azure-identity")
			.contains("remove the variable to use azure-identity")
			.contains(name.endsWith("FILE") ? "or give the path of the file" : "or give the token in it");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GRAPH_ACCESS_TOKEN", "GRAPH_ACCESS_TOKEN_FILE" })
	void aBlankVariableBesideATokenThatDecidesIsHarmless(String name) {
		GraphProperties token = new GraphProperties("https://graph.microsoft.com/beta", "a-token", "", "Low", 999, 8, 0,
				8, java.time.Duration.ofSeconds(120));

		assertThatNoException().isThrownBy(() -> connect(token, new MockEnvironment().withProperty(name, "")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "GRAPH_ACCESS_TOKEN" })
	void unsetOrGivenTheVariablesLeaveTheChoiceToAzureIdentity(String setName) {
		MockEnvironment environment = new MockEnvironment();
		if (!setName.isEmpty()) {
			environment.setProperty(setName, "a-token-the-settings-did-not-take");
		}

		assertThatNoException().isThrownBy(() -> connect(NO_TOKEN, environment));
	}

	private static GraphConnection connect(GraphProperties properties, MockEnvironment environment) {
		return new GraphConnection(properties, GraphCloudProperties.FOLLOW_BASE_URL, GraphCallProperties.DEFAULTS,
				BatchWriteProperties.DEFAULTS, SignInProperties.none(), TokenVariables.of(environment),
				new SimpleMeterRegistry());
	}

}
