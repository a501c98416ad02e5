package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import com.microsoft.graph.beta.models.DirectorySetting;
import com.microsoft.graph.beta.models.SettingValue;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The permissions Graph asks for, by the main token's grants
 * ({@link GraphModes#grants()}): directory settings need GroupSettings.ReadWrite.All or
 * Directory.ReadWrite.All (directorysetting-update, beta), Group.ReadWrite.All is not
 * enough; a role-assignable group needs RoleManagement.ReadWrite.Directory (Entra docs),
 * and PrivilegedAccess.ReadWrite.AzureADGroup (MSIdentityTools) alone is not enough (the
 * unkind reading of the two).
 */
class PermissionContractTests {

	static final String GROUP_UNIFIED = "62375ab9-6b52-47ed-826b-58e47e0e304b";

	@RegisterExtension
	static SimulatorExtension sim = new SimulatorExtension(b -> b.unifiedGroups(20).roleAssignableGroups(2));

	@Test
	void settingsAnswer403WithOnlyGroupReadWriteAll() {
		grants(GraphModes.GROUP_READ, GraphModes.GROUP_READ_WRITE);
		sim.tenant().groupUnifiedSetting(null);
		assertThatThrownBy(() -> graph().settings().post(writebackDefaultOff()))
			.satisfies(PermissionContractTests::denied);
		sim.tenant().groupUnifiedSetting(java.util.Map.of());
		String id = graph().settings().get().getValue().get(0).getId();
		assertThatThrownBy(() -> graph().settings().byDirectorySettingId(id).patch(writebackDefaultOff()))
			.satisfies(PermissionContractTests::denied);
		assertThat(sim.audit()).extracting(AuditEntry::method).doesNotContain("POST", "PATCH");
	}

	@Test
	void groupSettingsReadWriteAllOrDirectoryReadWriteAllMayChangeSettings() {
		for (String enough : List.of(GraphModes.GROUP_SETTINGS_READ_WRITE, GraphModes.DIRECTORY_READ_WRITE)) {
			grants(GraphModes.GROUP_READ_WRITE, enough);
			sim.tenant().groupUnifiedSetting(null);
			DirectorySetting created = graph().settings().post(writebackDefaultOff());
			graph().settings().byDirectorySettingId(created.getId()).patch(writebackDefaultOff());
		}
		assertThat(sim.audit()).extracting(AuditEntry::method).containsSubsequence("POST", "PATCH", "POST", "PATCH");
	}

	@Test
	void aRoleAssignableGroupNeedsRoleManagementAndPrivilegedAccessAloneIsNotEnough() {
		String roleAssignable = sim.simulator().roleAssignableGroupIds().iterator().next();
		grants(GraphModes.GROUP_READ_WRITE, GraphModes.PRIVILEGED_ACCESS_GROUPS);
		assertThatThrownBy(() -> graph().groups().byGroupId(roleAssignable).patch(SdkClients.writebackDisabled()))
			.satisfies(PermissionContractTests::denied);
		grants(GraphModes.GROUP_READ_WRITE, GraphModes.ROLE_MANAGEMENT);
		graph().groups().byGroupId(roleAssignable).patch(SdkClients.writebackDisabled());
		assertThat(sim.audit()).hasSize(1);
	}

	@Test
	void grantsAndRoleAssignableGroupsAreSelectedLive() throws Exception {
		RawGraph raw = new RawGraph(sim.port(), "test-token");
		assertThat(raw.faults("{\"grants\":\"Group.ReadWrite.All\",\"roleAssignableGroups\":5}").body())
			.contains("\"grants\":\"Group.ReadWrite.All\"", "\"roleAssignableGroups\":5");
		assertThat(sim.simulator().roleAssignableGroupIds()).hasSize(5);
		assertThat(raw.faults("{\"grants\":\"not a permission\"}").statusCode()).isEqualTo(400);
		assertThat(raw.faults("{\"roleAssignableGroups\":-1}").statusCode()).isEqualTo(400);
	}

	private static void denied(Throwable e) {
		assertThat(e).isInstanceOfSatisfying(ODataError.class, o -> {
			assertThat(o.getResponseStatusCode()).isEqualTo(403);
			assertThat(o.getError().getCode()).isEqualTo("Authorization_RequestDenied");
		});
	}

	private static void grants(String... permissions) {
		sim.modes(GraphModes.defaults().grants(Set.of(permissions)));
	}

	private static DirectorySetting writebackDefaultOff() {
		SettingValue off = new SettingValue();
		off.setName("NewUnifiedGroupWritebackDefault");
		off.setValue("false");
		DirectorySetting s = new DirectorySetting();
		s.setTemplateId(GROUP_UNIFIED);
		s.setValues(List.of(off));
		return s;
	}

	private static GraphServiceClient graph() {
		return SdkClients.client(sim.baseUrl(), "test-token");
	}

}
