package io.writebackbatch.graph.signin;

import static io.writebackbatch.graph.signin.DelegatedPermission.GROUP_READ_ALL;
import static io.writebackbatch.graph.signin.DelegatedPermission.GROUP_READ_WRITE_ALL;
import static io.writebackbatch.graph.signin.DelegatedPermission.GROUP_SETTINGS_READ_WRITE_ALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.GraphAccessException;
import org.junit.jupiter.api.Test;

/**
 * What a command asks the administrator for, and how that becomes the scopes of the token
 * request.
 */
class SignInScopesTests {

	@Test
	void planOnlyReadsEvenWhenTheDefinitionChangesTheNewGroupDefault() {
		assertThat(DelegatedPermission.forRun(false, true)).containsExactly(GROUP_READ_ALL);
	}

	@Test
	void applyWritesGroupsAndTheSettingOnlyWhenTheDefinitionChangesIt() {
		assertThat(DelegatedPermission.forRun(true, false)).containsExactly(GROUP_READ_WRITE_ALL);
		assertThat(DelegatedPermission.forRun(true, true)).containsExactly(GROUP_READ_WRITE_ALL,
				GROUP_SETTINGS_READ_WRITE_ALL);
	}

	@Test
	void scopesAreTheGraphResourcesPermissionsSoANationalCloudGetsItsOwn() {
		assertThat(InteractiveSignIn.scopes("https://graph.microsoft.com/.default", EnumSet.of(GROUP_READ_ALL)))
			.containsExactly("https://graph.microsoft.com/Group.Read.All");
		assertThat(InteractiveSignIn.scopes("https://graph.microsoft.us/.default",
				EnumSet.of(GROUP_READ_WRITE_ALL, GROUP_SETTINGS_READ_WRITE_ALL)))
			.containsExactlyInAnyOrder("https://graph.microsoft.us/Group.ReadWrite.All",
					"https://graph.microsoft.us/GroupSettings.ReadWrite.All");
	}

	@Test
	void methodsAreNamedAsOnTheCommandLine() {
		assertThat(SignInMethod.fromLabel("Device-Code")).isEqualTo(SignInMethod.DEVICE_CODE);
		assertThat(SignInMethod.fromLabel("browser")).isEqualTo(SignInMethod.BROWSER);
		assertThatThrownBy(() -> SignInMethod.fromLabel("password"))
			.hasMessage("unknown sign-in method 'password'; use device-code or browser");
	}

	@Test
	void noBorrowedClientId() {
		SignInProperties withoutClient = new SignInProperties(SignInMethod.DEVICE_CODE, " ", "organizations", true,
				null, false, EnumSet.of(GROUP_READ_ALL));
		assertThatThrownBy(() -> InteractiveSignIn.create(withoutClient, "https://graph.microsoft.com/.default",
				"https://login.microsoftonline.com", "graph.microsoft.com", System.err))
			.isInstanceOfSatisfying(GraphAccessException.class,
					e -> assertThat(e.failureKind()).isEqualTo(FailureKind.INVALID_INPUT))
			.hasMessageContaining("register a public client app");
	}

}
