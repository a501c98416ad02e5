package io.writebackbatch.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.writebackbatch.domain.Cloud;
import io.writebackbatch.domain.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fleet file is read as strictly as a definition: every mistake is refused naming the
 * file, the line and the field, and no secret value has a place in it.
 */
class FleetLoaderTests {

	static final String A = "11111111-1111-4111-8111-111111111111";

	static final String B = "22222222-2222-4222-8222-222222222222";

	static final String CLIENT = "aaaaaaaa-1111-4111-8111-111111111111";

	@TempDir
	Path dir;

	@BeforeEach
	void definitions() throws IOException {
		Files.writeString(dir.resolve("disable-all.yaml"), "action: disable\n");
		Files.writeString(dir.resolve("other.yaml"), "name: disable-all\naction: disable\n");
	}

	static String tenant(String name, String id, String extra) {
		return "  - name: " + name + "\n    tenantId: " + id + "\n    credential:\n      clientId: " + CLIENT
				+ "\n    definitions: [disable-all.yaml]\n    schedule: \"30 1 * * *\"\n" + extra;
	}

	@Test
	void readsTenantsWithTheirDefinitions() throws IOException {
		Fleet fleet = load("tenants:\n" + tenant("contoso", A, "    domain: contoso.com\n")
				+ tenant("fabrikam", B, "    cloud: us-government-l4\n"));

		assertThat(fleet.tenants()).hasSize(2);
		Fleet.Member contoso = fleet.tenants().get(0);
		assertThat(contoso.label()).isEqualTo("contoso (contoso.com)");
		assertThat(contoso.tenant().id()).isEqualTo(new TenantId(A));
		assertThat(contoso.tenant().cloud()).isEqualTo(Cloud.GLOBAL);
		assertThat(contoso.credential().workloadIdentity()).isTrue();
		assertThat(contoso.definitions()).extracting(JobDefinition::name).containsExactly("disable-all");
		assertThat(fleet.tenants().get(1).tenant().cloud()).isEqualTo(Cloud.US_GOVERNMENT_L4);
	}

	@Test
	void theShippedFleetFileLoads() {
		Fleet fleet = new FleetLoader().load(Path.of("k8s", "fleet", "fleet.yaml"));

		assertThat(fleet.tenants()).extracting(Fleet.Member::name).containsExactly("contoso", "fabrikam-gov");
	}

	static String entry(String fields) {
		return "tenants:\n  - name: contoso\n    tenantId: " + A + "\n" + fields;
	}

	static final String CREDENTIAL = "    credential:\n      clientId: " + CLIENT + "\n";

	static final String REST = "    definitions: [disable-all.yaml]\n    schedule: \"30 1 * * *\"\n";

	/**
	 * One row per way a fleet file can be wrong: the line and the field are named (a new
	 * rule of FleetEntry, FleetCredential or FleetLoader adds a row).
	 */
	static Stream<Arguments> wrongFleetFiles() {
		return Stream.of(
				arguments("a misspelt field", entry("    tennantId: x\n" + CREDENTIAL + REST),
						"fleet.yaml:4: unknown field 'tenants[0].tennantId'"),
				arguments("a secret value in the file",
						entry("    credential:\n      clientId: " + CLIENT + "\n      clientSecret: s3cr3t\n" + REST),
						"fleet.yaml:6: unknown field 'tenants[0].credential.clientSecret'; known fields here: "
								+ "[clientId, certificatePath, secretEnv]"),
				arguments("a secret where its variable's name belongs",
						entry(CREDENTIAL + "      secretEnv: \"abc~def.ghi\"\n" + REST),
						"fleet.yaml:6: field 'tenants[0].credential.secretEnv': is not the name of an environment "
								+ "variable: give the variable's name (e.g. CONTOSO_CLIENT_SECRET), never the secret"),
				arguments("a certificate and a secret",
						entry(CREDENTIAL + "      secretEnv: X\n      certificatePath: /c.pem\n" + REST),
						"fleet.yaml:6: field 'tenants[0].credential.secretEnv': give certificatePath or secretEnv, "
								+ "not both"),
				arguments("no credential", entry(REST), "fleet.yaml:2: field 'tenants[0].credential': is required"),
				arguments("a client id that is not one", entry("    credential:\n      clientId: my-app\n" + REST),
						"fleet.yaml:5: field 'tenants[0].credential.clientId': 'my-app' is not a client id"),
				arguments("a domain for the tenant id",
						"tenants:\n  - name: contoso\n    tenantId: contoso.com\n" + CREDENTIAL + REST,
						"fleet.yaml:3: field 'tenants[0].tenantId': 'contoso.com' is not a tenant id"),
				arguments("an unknown cloud", entry("    cloud: azure\n" + CREDENTIAL + REST),
						"fleet.yaml:4: field 'tenants[0].cloud': 'azure' is not a Microsoft Graph cloud: use one of "
								+ "global, us-government-l4"),
				arguments("a domain that is not one", entry("    domain: \"contoso com\"\n" + CREDENTIAL + REST),
						"fleet.yaml:4: field 'tenants[0].domain': 'contoso com' is not a domain name"),
				arguments("a name Kubernetes refuses",
						"tenants:\n  - name: Contoso Ltd\n    tenantId: " + A + "\n" + CREDENTIAL + REST,
						"fleet.yaml:2: field 'tenants[0].name': 'Contoso Ltd' is not a tenant name"),
				arguments("a schedule that is not cron",
						entry(CREDENTIAL + "    definitions: [disable-all.yaml]\n    schedule: nightly\n"),
						"fleet.yaml:7: field 'tenants[0].schedule': 'nightly' is not a cron schedule"),
				arguments("no definitions", entry(CREDENTIAL + "    definitions: []\n    schedule: \"@daily\"\n"),
						"fleet.yaml:6: field 'tenants[0].definitions': list the definition files"),
				arguments("a definition that is missing",
						entry(CREDENTIAL + "    definitions: [nope.yaml]\n    schedule: \"@daily\"\n"),
						"fleet.yaml:6: field 'tenants[0].definitions[0]': no such job definition: "),
				arguments("two definitions of one name",
						entry(CREDENTIAL
								+ "    definitions: [disable-all.yaml, other.yaml]\n    schedule: \"@daily\"\n"),
						"fleet.yaml:6: field 'tenants[0].definitions[1]': its name 'disable-all' is also the name of "
								+ "tenants[0].definitions[0]"),
				arguments("a tenant listed twice",
						entry(CREDENTIAL + REST) + "  - name: again\n    tenantId: " + A.toUpperCase() + "\n"
								+ CREDENTIAL + REST,
						"fleet.yaml:9: field 'tenants[1].tenantId': tenant " + A + " (global) is also tenants[0]"),
				arguments("a name given twice",
						entry(CREDENTIAL + REST) + "  - name: contoso\n    tenantId: " + B + "\n" + CREDENTIAL + REST,
						"fleet.yaml:8: field 'tenants[1].name': 'contoso' is also"),
				arguments("no tenants", "tenants: []\n", "fleet.yaml:1: field 'tenants': list at least one tenant"),
				arguments("a second document", "tenants: []\n---\ntenants: []\n",
						"fleet.yaml:2: a second YAML document ('---'): a fleet file is one document"),
				arguments("an empty file", "# nothing\n",
						"fleet.yaml: the file is empty (or only comments); see " + "k8s/fleet/fleet.yaml"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongFleetFiles")
	void aWrongFleetFileIsRefusedNamingLineAndField(String what, String yaml, String message) {
		assertThatThrownBy(() -> load(yaml)).as(what)
			.isInstanceOf(InvalidDefinitionException.class)
			.hasMessageContaining(message);
	}

	Fleet load(String yaml) throws IOException {
		return new FleetLoader().load(Files.writeString(dir.resolve("fleet.yaml"), yaml));
	}

}
