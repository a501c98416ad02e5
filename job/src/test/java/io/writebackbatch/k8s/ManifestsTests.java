package io.writebackbatch.k8s;

import io.writebackbatch.failure.FailureKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders every kustomization under k8s/ and checks the policies the batch job relies on.
 */
class ManifestsTests {

	static final String CONTAINER = "writeback-batch";
	static final String SERVICE_ACCOUNT = "writeback-batch";
	static final String DB_SECRET = "writeback-batch-db";
	static final String NAMESPACE = "writeback";
	static final List<String> RECOMMENDED_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
			"app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
			"app.kubernetes.io/managed-by");

	static final String IMAGE_PLACEHOLDER = "registry.example.com/writeback-batch:0.1.0";
	static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

	/**
	 * A rendered kustomization and its one workload (the CronJob, or the one-off Job).
	 */
	record Rendered(String name, List<HasMetadata> docs, HasMetadata workload, JobSpec jobSpec) {

		static Rendered of(String name) {
			List<HasMetadata> docs = Kustomize.render(name);
			List<HasMetadata> workloads = docs.stream().filter(d -> d instanceof CronJob || d instanceof Job).toList();
			assertThat(workloads).as("%s renders exactly one CronJob or Job", name).hasSize(1);
			HasMetadata workload = workloads.get(0);
			JobSpec jobSpec = workload instanceof CronJob c ? c.getSpec().getJobTemplate().getSpec()
					: ((Job) workload).getSpec();
			return new Rendered(name, docs, workload, jobSpec);
		}

		PodTemplateSpec template() {
			return jobSpec.getTemplate();
		}

		PodSpec pod() {
			return template().getSpec();
		}

		Container container() {
			return pod().getContainers()
				.stream()
				.filter(c -> c.getName().equals(CONTAINER))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + ": no container " + CONTAINER));
		}

		<T extends HasMetadata> List<T> all(Class<T> type) {
			return docs.stream().filter(type::isInstance).map(type::cast).toList();
		}

		Optional<EnvVar> env(String name) {
			return Optional.ofNullable(container().getEnv())
				.orElse(List.of())
				.stream()
				.filter(e -> e.getName().equals(name))
				.findFirst();
		}

		Volume volumeAt(String mountPath) {
			VolumeMount mount = container().getVolumeMounts()
				.stream()
				.filter(m -> m.getMountPath().equals(mountPath))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + mountPath));
			return pod().getVolumes()
				.stream()
				.filter(v -> v.getName().equals(mount.getName()))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + ": mount " + mountPath + " names no volume"));
		}
	}

	/**
	 * kustomize's default load restrictor reads only files inside the kustomization:
	 * k8s/base/files keeps copies.
	 */
	@Test
	void configMapsCarryExactCopiesOfConfigAndEveryDefinition() throws IOException {
		Path files = Kustomize.PROJECT.resolve("k8s/base/files");
		String refresh = " differs from the repository's; refresh the copies: "
				+ "cp config/application.yaml k8s/base/files/config/ && cp jobs/* k8s/base/files/jobs/";
		assertThat(files.resolve("config/application.yaml")).as("k8s/base/files/config/application.yaml" + refresh)
			.hasSameTextualContentAs(Kustomize.PROJECT.resolve("config/application.yaml"));
		Set<String> definitions = fileNames(Kustomize.PROJECT.resolve("jobs"));
		assertThat(fileNames(files.resolve("jobs"))).as("k8s/base/files/jobs/" + refresh).isEqualTo(definitions);
		for (String name : definitions) {
			assertThat(files.resolve("jobs").resolve(name)).as("k8s/base/files/jobs/" + name + refresh)
				.hasSameTextualContentAs(Kustomize.PROJECT.resolve("jobs").resolve(name));
		}
		ConfigMap jobs = Rendered.of("overlays/nightly")
			.all(ConfigMap.class)
			.stream()
			.filter(cm -> cm.getMetadata().getName().startsWith("writeback-jobs-"))
			.findFirst()
			.orElseThrow();
		assertThat(jobs.getData().keySet())
			.as("configMapGenerator in k8s/base/files/kustomization.yaml lists every file of jobs/")
			.isEqualTo(definitions);
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/nightly", "overlays/production", "overlays/one-off" })
	void overlaysSetTheNamespaceAndTheImagesRegistry(String kustomization) {
		Rendered r = Rendered.of(kustomization);
		assertThat(r.docs()).allSatisfy(
				d -> assertThat(d.getMetadata().getNamespace()).as("%s/%s", d.getKind(), d.getMetadata().getName())
					.isEqualTo(NAMESPACE));
		assertEquals(IMAGE_PLACEHOLDER, r.container().getImage(), "images: in the overlay, a registry to replace");
	}

	@ParameterizedTest
	@MethodSource("kustomizations")
	void noRenderedObjectHasAFieldKubernetesDoesNotKnow(String kustomization) {
		List<String> unknown = new ArrayList<>();
		for (HasMetadata doc : Kustomize.render(kustomization)) {
			collectUnknownFields(doc, doc.getKind() + "/" + doc.getMetadata().getName(), unknown, 0);
		}
		assertThat(unknown).as("fields fabric8's model does not know (typos or wrong nesting)").isEmpty();
	}

	static List<String> kustomizations() {
		return Kustomize.kustomizations();
	}

	/**
	 * Every object every kustomization renders fits the Kubernetes OpenAPI schema:
	 * required fields, types, enums, formats (the unknown fields are the test above's).
	 */
	@ParameterizedTest
	@MethodSource("kustomizations")
	void everyRenderedObjectValidatesAgainstTheKubernetesSchema(String kustomization) {
		List<JsonNode> docs = Kustomize.renderJson(Kustomize.PROJECT.resolve("k8s").resolve(kustomization));

		assertThat(docs).as("%s renders objects", kustomization).isNotEmpty();
		assertThat(KubernetesSchema.problems(docs)).as("k8s/%s against the Kubernetes schema", kustomization).isEmpty();
	}

	@Test
	void theSchemaCheckFindsAWrongFieldInACronJobSpec() {
		assertThat(kustomizations()).as("kustomizations found under k8s/")
			.contains("base", "overlays/nightly", "overlays/one-off", "overlays/production", "fleet");
		List<JsonNode> docs = Kustomize.renderJson(Kustomize.PROJECT.resolve("k8s/overlays/nightly"));
		ObjectNode spec = (ObjectNode) docs.stream()
			.filter(doc -> doc.path("kind").asString().equals("CronJob"))
			.findFirst()
			.orElseThrow()
			.get("spec");
		spec.set("schedul", spec.remove("schedule"));
		spec.put("concurrencyPolicy", "Sometimes");
		((ObjectNode) spec.get("jobTemplate").get("spec")).put("backoffLimit", "six");

		assertThat(KubernetesSchema.problems(docs)).singleElement()
			.asString()
			.startsWith("CronJob/writeback-nightly: ")
			.contains("/spec must have required property schedule")
			.contains("/spec/concurrencyPolicy must be equal to one of the allowed values")
			.contains("/spec/jobTemplate/spec/backoffLimit must be integer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production", "overlays/one-off" })
	void podIsHardenedAndStopsGracefully(String kustomization) {
		Rendered r = Rendered.of(kustomization);
		PodSpec pod = r.pod();
		Container c = r.container();

		assertEquals("Never", pod.getRestartPolicy(), "podFailurePolicy requires restartPolicy Never");
		assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
		assertEquals(10001L, pod.getSecurityContext().getRunAsUser(), "the image's user (k8s/image/Dockerfile)");
		assertThat(pod.getSecurityContext().getFsGroup()).isNotNull();
		assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
		assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
		assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
		assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();

		String grace = r.env("WRITEBACK_SHUTDOWN_GRACE_PERIOD")
			.map(EnvVar::getValue)
			.orElseThrow(() -> new AssertionError("WRITEBACK_SHUTDOWN_GRACE_PERIOD is not set"));
		assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
			.as("terminationGracePeriodSeconds must leave the job time to reach STOPPED")
			.isGreaterThan(springDuration(grace));

		for (String announced : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
			assertThat(r.env(announced))
				.as("the JVM prints \"Picked up %s\" on stderr, a plain line in the JSON logs; "
						+ "JVM options belong on the image's java command line", announced)
				.isEmpty();
		}
		assertThat(c.getResources().getRequests()).as("requests = limits (Guaranteed QoS)")
			.isEqualTo(c.getResources().getLimits())
			.containsKeys("cpu", "memory");
		assertThat(Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")))
			.as("above the measured RSS of a 1,000,000-group run (756 MB) plus the image's larger heap")
			.isGreaterThanOrEqualTo(Quantity.getAmountInBytes(new Quantity("1Gi")));
		assertThat(r.template().getMetadata().getAnnotations())
			.as("the autoscaler does not evict a run of hours to scale down")
			.containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");
		for (var metadata : List.of(r.workload().getMetadata(), r.template().getMetadata())) {
			assertThat(metadata.getLabels().keySet()).as("the six recommended labels").containsAll(RECOMMENDED_LABELS);
		}
		assertEquals(kustomization.equals("base") ? "writeback-batch:0.1.0" : IMAGE_PLACEHOLDER, c.getImage());
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production", "overlays/one-off" })
	void failurePolicyRetriesOnlyRestartableFailures(String kustomization) {
		JobSpec job = Rendered.of(kustomization).jobSpec();
		List<PodFailurePolicyRule> rules = job.getPodFailurePolicy().getRules();

		assertThat(failJobExitCodes(rules)).as("exit codes that fail the Job at once")
			.containsExactlyInAnyOrder(2, 4, FailureKind.PAUSED.exitCode());
		assertThat(rules).as("pod disruptions do not count against backoffLimit").anySatisfy(rule -> {
			assertEquals("Ignore", rule.getAction());
			assertThat(rule.getOnPodConditions()).anySatisfy(p -> assertEquals("DisruptionTarget", p.getType()));
		});
		assertThat(rules).as("exit code 3 (restartable) must stay retryable")
			.noneSatisfy(rule -> assertThat(exitCodes(rule)).contains(3));
		assertThat(job.getBackoffLimit()).isNotNull().isGreaterThanOrEqualTo(0);
		assertThat(job.getActiveDeadlineSeconds()).isPositive();
		assertThat(job.getTtlSecondsAfterFinished()).isPositive();
		assertEquals("Failed", job.getPodReplacementPolicy(), "never two pods on one job repository");
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production" })
	void cronJobRunsNightlyOneAtATime(String kustomization) {
		Rendered r = Rendered.of(kustomization);
		CronJob cron = (CronJob) r.workload();
		assertEquals("writeback-nightly", cron.getMetadata().getName());
		assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy());
		assertEquals("Etc/UTC", cron.getSpec().getTimeZone());
		assertThat(cron.getSpec().getSchedule().trim().split("\\s+")).hasSize(5);
		assertThat(cron.getSpec().getStartingDeadlineSeconds()).isPositive();
		assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isPositive();
		assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isPositive();
		assertThat(r.jobSpec().getBackoffLimit()).as("restartable failures are retried (and resume)").isPositive();
		assertThat(r.container().getArgs()).startsWith("scheduled", "--definition");
	}

	/**
	 * An apply pauses itself (writeback.apply.max-duration) before the Job's deadline
	 * sends SIGTERM, with room left for start-up, the last chunk, the report and the
	 * metrics push: a first run larger than a night spans nights instead of being cut
	 * off.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production", "overlays/one-off" })
	void theApplyPausesItselfWellBeforeTheJobsDeadline(String kustomization) {
		Rendered r = Rendered.of(kustomization);
		String maxDuration = r.env("WRITEBACK_APPLY_MAX_DURATION")
			.map(EnvVar::getValue)
			.orElseThrow(() -> new AssertionError(kustomization + ": WRITEBACK_APPLY_MAX_DURATION is not set"));
		Duration deadline = Duration.ofSeconds(r.jobSpec().getActiveDeadlineSeconds());

		assertThat(springDuration(maxDuration).plus(PAUSE_MARGIN))
			.as("max duration %s + %s must end before activeDeadlineSeconds (%s)", maxDuration, PAUSE_MARGIN, deadline)
			.isLessThanOrEqualTo(deadline);
	}

	/**
	 * What a pausing run needs after its maximum: JVM and Spring start-up come before the
	 * clock starts, then the last chunk (400 writes at 20/s), the report and the push.
	 */
	private static final Duration PAUSE_MARGIN = Duration.ofMinutes(15);

	/**
	 * An evicted pod's replacement runs the same command: it must continue the run, not
	 * refuse it (exit 2).
	 */
	@Test
	void oneOffIsAPlainJobWhoseReplacementPodContinuesTheRun() {
		Rendered r = Rendered.of("overlays/one-off");
		assertThat(r.workload()).isInstanceOf(Job.class);
		assertThat(r.all(CronJob.class)).isEmpty();
		assertThat(r.container().getArgs()).startsWith("apply", "--resume-unfinished", "--definition");
		assertThat(r.all(ServiceAccount.class)).as("the nightly deployment's ServiceAccount is left alone").isEmpty();
		assertThat(r.all(PersistentVolumeClaim.class)).as("the nightly deployment's claims are used, none created")
			.isEmpty();
	}

	/**
	 * The Kubernetes guide's rollback recipe (docs/guide/kubernetes.md), rendered as
	 * written: only the Job and the ConfigMaps, on the production database, so applying
	 * it can neither reset the ServiceAccount's client id nor create a claim production
	 * does not have.
	 */
	@Test
	void guideRollbackRecipeTouchesNeitherTheServiceAccountNorTheVolumes(@TempDir Path root) throws IOException {
		Matcher recipe = Pattern
			.compile("cat > k8s/local/rollback-42/kustomization.yaml <<'YAML'\n(.*?)\nYAML\n", Pattern.DOTALL)
			.matcher(Files.readString(Kustomize.PROJECT.resolve("docs/guide/kubernetes.md")));
		assertThat(recipe.find()).as("docs/guide/kubernetes.md has the rollback recipe").isTrue();
		Path local = Files.createDirectories(Kustomize.copyOfK8s(root).resolve("local/rollback-42"));
		Files.writeString(local.resolve("kustomization.yaml"), recipe.group(1));

		List<HasMetadata> docs = Kustomize.renderDirectory(local);
		assertThat(docs).extracting(HasMetadata::getKind).containsOnly("ConfigMap", "Job");
		Job job = docs.stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow();
		assertEquals("writeback-rollback-42", job.getMetadata().getName());
		assertEquals(NAMESPACE, job.getMetadata().getNamespace());
		PodSpec pod = job.getSpec().getTemplate().getSpec();
		assertThat(pod.getContainers().get(0).getArgs()).containsExactly("rollback", "--run", "42", "--apply");
		assertThat(pod.getContainers().get(0).getEnv()).extracting(EnvVar::getName).contains("SPRING_DATASOURCE_URL");
		Set<String> productionClaims = Rendered.of("overlays/production")
			.all(PersistentVolumeClaim.class)
			.stream()
			.map(c -> c.getMetadata().getName())
			.collect(Collectors.toSet());
		for (Volume v : pod.getVolumes()) {
			if (v.getPersistentVolumeClaim() != null) {
				assertThat(productionClaims).as("volume %s claims what production has", v.getName())
					.contains(v.getPersistentVolumeClaim().getClaimName());
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production", "overlays/one-off" })
	void volumesMatchTheApplicationLayout(String kustomization) {
		Rendered r = Rendered.of(kustomization);
		Map<String, ConfigMap> configMaps = r.all(ConfigMap.class)
			.stream()
			.collect(Collectors.toMap(cm -> cm.getMetadata().getName(), cm -> cm));
		// the one-off Job runs beside a deployed nightly overlay and uses its claims
		Rendered claimOwner = kustomization.equals("overlays/one-off") ? Rendered.of("overlays/nightly") : r;
		Set<String> claims = claimOwner.all(PersistentVolumeClaim.class)
			.stream()
			.map(p -> p.getMetadata().getName())
			.collect(Collectors.toSet());

		ConfigMap config = configMapAt(r, "/app/config", configMaps);
		assertThat(config.getData()).containsKey("application.yaml");

		ConfigMap jobs = configMapAt(r, "/app/jobs", configMaps);
		List<String> args = r.container().getArgs();
		String definition = args.get(args.indexOf("--definition") + 1);
		assertThat(definition).startsWith("/app/jobs/");
		assertThat(jobs.getData()).as("the definition the command names is in the jobs ConfigMap")
			.containsKey(definition.substring("/app/jobs/".length()));

		for (String writable : List.of("/app/reports", "/app/data", "/tmp")) {
			Volume v = r.volumeAt(writable);
			assertThat(v.getEmptyDir() != null || v.getPersistentVolumeClaim() != null)
				.as("%s is a writable volume (the root filesystem is read-only)", writable)
				.isTrue();
			if (v.getPersistentVolumeClaim() != null) {
				assertThat(claims).as("claim of %s is rendered too", writable)
					.contains(v.getPersistentVolumeClaim().getClaimName());
			}
		}
		for (VolumeMount m : r.container().getVolumeMounts()) {
			assertThat(r.pod().getVolumes()).extracting(Volume::getName).contains(m.getName());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/nightly", "overlays/one-off" })
	void embeddedDatabaseSurvivesThePodWhereH2IsUsed(String kustomization) {
		Rendered r = Rendered.of(kustomization);
		assertThat(r.env("SPRING_DATASOURCE_URL")).as("H2 overlay").isEmpty();
		assertThat(r.volumeAt("/app/data").getPersistentVolumeClaim())
			.as("a retried or later pod must find the checkpoints to resume")
			.isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production", "overlays/one-off" })
	void authenticatesWithWorkloadIdentityAndShipsNoSecrets(String kustomization) {
		Rendered r = Rendered.of(kustomization);
		assertEquals("true", r.template().getMetadata().getLabels().get("azure.workload.identity/use"));
		assertEquals(SERVICE_ACCOUNT, r.pod().getServiceAccountName());
		// the one-off Job uses the ServiceAccount of the deployed nightly overlay (and
		// must not overwrite it)
		Rendered saOwner = kustomization.equals("overlays/one-off") ? Rendered.of("overlays/nightly") : r;
		ServiceAccount sa = saOwner.all(ServiceAccount.class)
			.stream()
			.filter(s -> s.getMetadata().getName().equals(SERVICE_ACCOUNT))
			.findFirst()
			.orElseThrow(() -> new AssertionError("ServiceAccount " + SERVICE_ACCOUNT + " is not rendered"));
		assertThat(sa.getMetadata().getAnnotations().get("azure.workload.identity/client-id")).matches(UUID);

		assertThat(r.docs()).noneMatch(d -> d.getKind().equals("Secret"));
		assertThat(r.env("AZURE_CLIENT_SECRET")).isEmpty();
		Pattern secretish = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY).*");
		for (EnvVar e : Objects.requireNonNullElse(r.container().getEnv(), List.<EnvVar>of())) {
			if (secretish.matcher(e.getName()).matches()) {
				assertThat(e.getValue()).as("%s must come from a Secret, not inline", e.getName()).isNull();
				assertThat(e.getValueFrom().getSecretKeyRef()).as("%s comes from a Secret", e.getName()).isNotNull();
			}
		}
	}

	@Test
	void productionUsesPostgresFromTheOperatorsSecretAndExportsMetrics() {
		Rendered r = Rendered.of("overlays/production");
		for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
				"SPRING_DATASOURCE_PASSWORD")) {
			EnvVar e = r.env(name).orElseThrow(() -> new AssertionError(name + " is not set"));
			assertThat(e.getValue()).as(name).isNull();
			assertEquals(DB_SECRET, e.getValueFrom().getSecretKeyRef().getName(), name);
		}
		assertThat(r.env("MANAGEMENT_OTLP_METRICS_EXPORT_URL").map(EnvVar::getValue).orElse("")).startsWith("http");
		assertEquals("ecs", r.env("LOGGING_STRUCTURED_FORMAT_CONSOLE").map(EnvVar::getValue).orElse(null));
		assertThat(r.volumeAt("/app/reports").getPersistentVolumeClaim()).as("reports outlive the pod").isNotNull();
	}

	/**
	 * job.yaml of the one-off overlay repeats the CronJob's pod: keep the two from
	 * drifting apart.
	 */
	@Test
	void oneOffJobAndNightlyCronJobShareThePodPolicies() {
		Rendered cron = Rendered.of("overlays/nightly");
		Rendered job = Rendered.of("overlays/one-off");
		assertEquals(cron.jobSpec().getPodFailurePolicy(), job.jobSpec().getPodFailurePolicy());
		assertEquals(cron.jobSpec().getActiveDeadlineSeconds(), job.jobSpec().getActiveDeadlineSeconds());
		assertEquals(cron.pod().getSecurityContext(), job.pod().getSecurityContext());
		assertEquals(cron.pod().getTerminationGracePeriodSeconds(), job.pod().getTerminationGracePeriodSeconds());
		assertEquals(cron.pod().getServiceAccountName(), job.pod().getServiceAccountName());
		assertEquals(cron.pod().getAutomountServiceAccountToken(), job.pod().getAutomountServiceAccountToken());
		assertEquals(byName(cron.pod().getVolumes()), byName(job.pod().getVolumes()));
		assertEquals(withoutComponent(cron.template().getMetadata().getLabels()),
				withoutComponent(job.template().getMetadata().getLabels()));
		Container a = cron.container();
		Container b = job.container();
		assertEquals(a.getImage(), b.getImage());
		assertEquals(a.getEnv(), b.getEnv());
		assertEquals(a.getResources(), b.getResources());
		assertEquals(a.getSecurityContext(), b.getSecurityContext());
		assertEquals(a.getVolumeMounts(), b.getVolumeMounts());
	}

	private static Map<String, String> withoutComponent(Map<String, String> labels) {
		return labels.entrySet()
			.stream()
			.filter(e -> !e.getKey().equals("app.kubernetes.io/component"))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Kubernetes waits 10 s and doubles up to 6 min between retries: the nightly's
	 * back-off must outlast a managed PostgreSQL failover or maintenance restart (up to 5
	 * min).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production" })
	void nightlyRetriesOutlastADatabaseFailover(String kustomization) {
		int retries = Rendered.of(kustomization).jobSpec().getBackoffLimit();
		long backoffSeconds = 0;
		for (int i = 0; i < retries; i++) {
			backoffSeconds += Math.min(10L << i, 360);
		}
		assertThat(backoffSeconds).as("seconds of back-off over %d retries", retries).isGreaterThanOrEqualTo(600);
	}

	/**
	 * Runs serialise by the run lock, not by a volume: claims are ReadWriteOncePod, and
	 * production's one-off Jobs write to their own.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "overlays/nightly", "overlays/production" })
	void claimsAreReadWriteOncePod(String kustomization) {
		List<PersistentVolumeClaim> claims = Rendered.of(kustomization).all(PersistentVolumeClaim.class);
		assertThat(claims).isNotEmpty()
			.allSatisfy(c -> assertThat(c.getSpec().getAccessModes()).as(c.getMetadata().getName())
				.containsExactly("ReadWriteOncePod"));
	}

	/**
	 * Closed network: no ingress; egress to DNS, HTTPS (Graph, the identity platform),
	 * PostgreSQL and the metrics receiver only.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/nightly", "overlays/production" })
	void networkPolicyAllowsOnlyWhatTheJobNeeds(String kustomization) {
		NetworkPolicy policy = Rendered.of(kustomization).all(NetworkPolicy.class).get(0);
		assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(policy.getSpec().getIngress()).isEmpty();
		assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name",
				"writeback-batch");
		Set<Integer> ports = policy.getSpec()
			.getEgress()
			.stream()
			.flatMap(rule -> rule.getPorts().stream())
			.map(p -> p.getPort().getIntVal())
			.collect(Collectors.toSet());
		assertThat(ports).containsExactlyInAnyOrder(53, 443, 5432, 9091, 4318);
	}

	/**
	 * Least privilege: the procedure's one-off (the tenant-wide setting) runs under its
	 * own ServiceAccount, so the nightly's identity needs group writes only.
	 */
	@Test
	void procedureRunsUnderItsOwnIdentity() {
		Rendered procedure = Rendered.of("overlays/procedure");
		Rendered nightly = Rendered.of("overlays/nightly");
		assertThat(procedure.workload()).isInstanceOf(Job.class);
		assertEquals("writeback-batch-settings", procedure.pod().getServiceAccountName());
		assertEquals(SERVICE_ACCOUNT, nightly.pod().getServiceAccountName());
		ServiceAccount settings = procedure.all(ServiceAccount.class).get(0);
		ServiceAccount groups = nightly.all(ServiceAccount.class).get(0);
		assertThat(settings.getMetadata().getAnnotations().get("azure.workload.identity/client-id"))
			.as("a second identity")
			.isNotEqualTo(groups.getMetadata().getAnnotations().get("azure.workload.identity/client-id"));
		assertThat(procedure.container().getArgs()).startsWith("apply", "--plan");
		assertThat(procedure.all(PersistentVolumeClaim.class)).isEmpty();
	}

	@Test
	void namespaceRecipeEnforcesTheRestrictedPodSecurityStandard() {
		List<HasMetadata> docs = Kustomize.render("namespace");
		assertThat(docs).singleElement()
			.isInstanceOf(Namespace.class)
			.satisfies(ns -> assertThat(ns.getMetadata().getLabels())
				.containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
	}

	@Test
	void productionMountsTheDatabaseCaFromASecret() {
		for (String kustomization : List.of("overlays/production")) {
			Rendered r = Rendered.of(kustomization);
			Volume ca = r.volumeAt("/app/db-ca");
			assertEquals("writeback-batch-db-ca", ca.getSecret().getSecretName());
			assertEquals(Boolean.TRUE, ca.getSecret().getOptional(),
					"without the Secret the job refuses with exit 2 naming the file, the pod does not hang");
		}
	}

	@Test
	void unknownFieldCheckFindsAMisspeltField() throws Exception {
		Job job = new ObjectMapper().readValue("""
				{"apiVersion": "batch/v1", "kind": "Job",
				 "spec": {"template": {"spec": {"restartPolicy": "Never", "terminationGracePeriod": 60}}}}
				""", Job.class);
		List<String> unknown = new ArrayList<>();
		collectUnknownFields(job, "Job", unknown, 0);
		assertThat(unknown).containsExactly("Job.spec.template.spec: [terminationGracePeriod]");
	}

	private static Set<String> fileNames(Path dir) throws IOException {
		try (var files = Files.list(dir)) {
			return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
		}
	}

	private static Map<String, Volume> byName(List<Volume> volumes) {
		return volumes.stream().collect(Collectors.toMap(Volume::getName, v -> v));
	}

	private static ConfigMap configMapAt(Rendered r, String mountPath, Map<String, ConfigMap> configMaps) {
		Volume v = r.volumeAt(mountPath);
		assertThat(v.getConfigMap()).as("%s is a ConfigMap volume", mountPath).isNotNull();
		ConfigMap cm = configMaps.get(v.getConfigMap().getName());
		assertThat(cm).as("ConfigMap %s of %s is rendered", v.getConfigMap().getName(), mountPath).isNotNull();
		return cm;
	}

	private static List<Integer> failJobExitCodes(List<PodFailurePolicyRule> rules) {
		return rules.stream().filter(rule -> rule.getAction().equals("FailJob")).flatMap(rule -> {
			assertEquals("In", rule.getOnExitCodes().getOperator());
			assertEquals(CONTAINER, rule.getOnExitCodes().getContainerName());
			return exitCodes(rule).stream();
		}).toList();
	}

	private static List<Integer> exitCodes(PodFailurePolicyRule rule) {
		return rule.getOnExitCodes() == null ? List.of() : rule.getOnExitCodes().getValues();
	}

	/**
	 * The forms Spring Boot accepts for a {@link Duration} property: "50s", "2m",
	 * "500ms", or ISO-8601.
	 */
	static Duration springDuration(String value) {
		Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value.trim());
		if (!m.matches()) {
			return Duration.parse(value.trim());
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2) == null ? "ms" : m.group(2)) {
			case "ms" -> Duration.ofMillis(n);
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
	}

	/**
	 * fabric8 keeps fields it does not know in {@code additionalProperties} instead of
	 * failing; walk the typed object graph and report every non-empty one with its path.
	 */
	static void collectUnknownFields(Object value, String path, List<String> out, int depth) {
		if (value == null || depth > 40) {
			return;
		}
		if (value instanceof Collection<?> list) {
			int i = 0;
			for (Object item : list) {
				collectUnknownFields(item, path + "[" + i++ + "]", out, depth + 1);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, out, depth + 1));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object child;
			try {
				child = getter.invoke(value);
			}
			catch (IllegalAccessException | InvocationTargetException e) {
				continue;
			}
			String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
			if (field.equals("additionalProperties")) {
				if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
					out.add(path + ": " + extra.keySet());
				}
			}
			else {
				collectUnknownFields(child, path + "." + field, out, depth + 1);
			}
		}
	}

}
