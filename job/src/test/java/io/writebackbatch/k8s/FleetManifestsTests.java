package io.writebackbatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.writebackbatch.definition.Fleet;
import io.writebackbatch.definition.FleetLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/fleet}: one CronJob per tenant from one tenant component, each declaring its
 * tenant, cloud and Graph, with its own workload identity and report folder, all on the
 * one PostgreSQL job repository.
 */
class FleetManifestsTests {

	final List<HasMetadata> docs = Kustomize.render("fleet");

	@Test
	void eachTenantHasItsOwnCronJobIdentityAndReportsOnTheSharedRepository() {
		Map<String, CronJob> cronJobs = of(CronJob.class);
		assertThat(cronJobs).containsOnlyKeys("writeback-nightly-contoso", "writeback-nightly-fabrikam-gov");
		Map<String, ConfigMap> configMaps = of(ConfigMap.class);
		Map<String, ServiceAccount> accounts = of(ServiceAccount.class);

		Map<String, Map<String, String>> declared = cronJobs.values()
			.stream()
			.collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> tenantEnv(pod(c), configMaps)));
		assertThat(declared.get("writeback-nightly-contoso")).containsEntry("WRITEBACK_TENANT_CLOUD", "global")
			.containsEntry("GRAPH_BASE_URL", "https://graph.microsoft.com/beta");
		assertThat(declared.get("writeback-nightly-fabrikam-gov"))
			.containsEntry("WRITEBACK_TENANT_CLOUD", "us-government-l4")
			.containsEntry("GRAPH_BASE_URL", "https://graph.microsoft.us/beta");
		assertThat(declared.values().stream().map(env -> env.get("WRITEBACK_TENANT_ID")).distinct()).as("tenant ids")
			.hasSize(2)
			.allMatch(id -> id.matches("[0-9a-f-]{36}"));

		assertThat(cronJobs.values().stream().map(c -> pod(c).getServiceAccountName()).distinct())
			.as("one workload identity per tenant")
			.hasSize(2)
			.allMatch(accounts::containsKey);
		assertThat(accounts.values()
			.stream()
			.map(a -> a.getMetadata().getAnnotations().get("azure.workload.identity/client-id"))
			.distinct()).hasSize(2);
		assertThat(cronJobs.values()
			.stream()
			.map(c -> pod(c).getVolumes()
				.stream()
				.filter(v -> v.getName().equals("reports"))
				.findFirst()
				.orElseThrow()
				.getPersistentVolumeClaim()
				.getClaimName())
			.distinct()).as("one report folder per tenant").hasSize(2);
		assertThat(cronJobs.values()
			.stream()
			.map(c -> env(pod(c), "SPRING_DATASOURCE_URL").getValueFrom().getSecretKeyRef().getName())
			.distinct()).as("one PostgreSQL for all").containsExactly("writeback-batch-db");
		for (CronJob cronJob : cronJobs.values()) {
			assertThat(pod(cronJob).getContainers().get(0).getEnv().stream().map(EnvVar::getName))
				.as("each variable once")
				.doesNotHaveDuplicates();
			assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())
				.containsKey("writeback-batch/tenant");
		}
	}

	/**
	 * The fleet file ({@code runs --fleet}, the fleet report) and the manifests describe
	 * the same tenants: a tenant added, removed or changed in one but not the other fails
	 * here.
	 */
	@Test
	void theFleetFileDescribesTheTenantsTheManifestsRun() {
		Fleet fleet = new FleetLoader().load(Kustomize.PROJECT.resolve("k8s/fleet/fleet.yaml"));
		Map<String, CronJob> cronJobs = of(CronJob.class);
		Map<String, ConfigMap> configMaps = of(ConfigMap.class);
		Map<String, ServiceAccount> accounts = of(ServiceAccount.class);

		assertThat(cronJobs.keySet()).as("one CronJob per tenant of the fleet file")
			.containsExactlyInAnyOrderElementsOf(
					fleet.tenants().stream().map(t -> "writeback-nightly-" + t.name()).toList());
		for (Fleet.Member member : fleet.tenants()) {
			CronJob cronJob = cronJobs.get("writeback-nightly-" + member.name());
			Map<String, String> env = tenantEnv(pod(cronJob), configMaps);
			assertThat(env).as(member.name())
				.containsEntry("WRITEBACK_TENANT_ID", member.tenant().id().value())
				.containsEntry("WRITEBACK_TENANT_CLOUD", member.tenant().cloud().label())
				.containsEntry("GRAPH_BASE_URL", "https://" + member.tenant().cloud().graphHost() + "/beta");
			assertThat(cronJob.getSpec().getSchedule()).as(member.name() + " schedule").isEqualTo(member.schedule());
			assertThat(member.credential().workloadIdentity())
				.as(member.name() + ": the manifests use workload " + "identity")
				.isTrue();
			assertThat(accounts.get(pod(cronJob).getServiceAccountName())
				.getMetadata()
				.getAnnotations()
				.get("azure.workload.identity/client-id")).as(member.name() + " client id")
				.isEqualTo(member.credential().clientId());
			List<String> args = pod(cronJob).getContainers().get(0).getArgs();
			assertThat(args).as(member.name() + " definitions")
				.containsSubsequence("--definition", "/app/jobs/" + member.definitions().get(0).file().getFileName());
			assertThat(member.definitions()).as(member.name() + ": one CronJob runs one definition").hasSize(1);
		}
	}

	private <T extends HasMetadata> Map<String, T> of(Class<T> type) {
		return docs.stream()
			.filter(type::isInstance)
			.map(type::cast)
			.collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity()));
	}

	private static PodSpec pod(CronJob cronJob) {
		return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
	}

	private static EnvVar env(PodSpec pod, String name) {
		return pod.getContainers()
			.get(0)
			.getEnv()
			.stream()
			.filter(e -> e.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name));
	}

	/** The tenant's variables, resolved from the ConfigMap they name. */
	private static Map<String, String> tenantEnv(PodSpec pod, Map<String, ConfigMap> configMaps) {
		return List.of("WRITEBACK_TENANT_ID", "WRITEBACK_TENANT_CLOUD", "GRAPH_BASE_URL")
			.stream()
			.collect(Collectors.toMap(Function.identity(), name -> {
				var ref = env(pod, name).getValueFrom().getConfigMapKeyRef();
				assertThat(configMaps).as("ConfigMap of " + name).containsKey(ref.getName());
				return configMaps.get(ref.getName()).getData().get(ref.getKey());
			}));
	}

}
