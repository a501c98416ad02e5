package io.writebackbatch.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.writebackbatch.BuildDirectory;
import io.writebackbatch.JobJvm;
import io.writebackbatch.PackagedJar;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up benchmark (issue 23, "The image"): not a pass/fail test. Run only by the
 * {@code bench} profile, after {@code package} (failsafe): the fixed overhead of a job
 * pod, {@code runs} on an empty embedded H2 repository, which starts the JVM and Spring
 * and reads nothing. Three forms, each with the image's ENTRYPOINT options: the jar as
 * built ({@code java -jar}), the image's extracted application jar without the
 * class-data-sharing archive, and with it (the image as it ships). The image is built as
 * {@link LayeredJarIT} builds it, from the Dockerfile's steps. Rounds interleave the
 * forms so that load from elsewhere on the machine falls on all of them; the table gives
 * the median of {@value #ROUNDS} rounds, wall-clock and CPU (user + system) time, and is
 * printed and written to {@code job/target/bench/startup.md}.
 * <p>
 * Then the CPU each typical test command costs, started as every test starts a job
 * process (the image with {@link JobJvm#OPTIONS}): {@code --help}, {@code runs} on an
 * empty embedded H2 repository, and {@code plan} of {@code jobs/disable-all.yaml} on a
 * simulated tenant of {@value #PLAN_GROUPS} groups; the same median of interleaved
 * rounds, in {@code job/target/bench/commands.md}
 * (docs/results/2026-12-07-job-start-cpu.md says what it showed).
 */
class StartupBench {

	private static final int ROUNDS = 5;

	private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";

	private static final int PLAN_GROUPS = 50;

	private static final String TOKEN = "bench-token";

	@TempDir
	static Path root;

	record Sample(double wallSeconds, double cpuSeconds) {
	}

	@Test
	void fixedStartUpOverhead() throws Exception {
		ImageSteps image = ImageSteps.follow(Dockerfile.read(), Kustomize.PROJECT, root);
		List<String> entrypoint = image.entrypoint(List.of(), List.of("runs"));
		Map<String, List<String>> forms = new LinkedHashMap<>();
		forms.put("jar as built (`java -jar`)", asBuilt(entrypoint));
		forms.put("extracted, no archive", without(entrypoint, o -> o.startsWith(ARCHIVE_OPTION)));
		forms.put("extracted, with the archive (the image)", entrypoint);
		Map<String, List<Sample>> samples = new LinkedHashMap<>();
		forms.keySet().forEach(form -> samples.put(form, new ArrayList<>()));
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<String, List<String>> form : forms.entrySet()) {
				samples.get(form.getKey()).add(time(form.getValue()));
			}
		}
		StringBuilder table = new StringBuilder();
		table.append("Start-up overhead: `runs` on an empty H2 repository, median of ")
			.append(ROUNDS)
			.append(" interleaved rounds, ")
			.append(LocalDate.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, load average before: ")
			.append(loadAverage())
			.append("\n\n| form | wall s | CPU s (user+sys) |\n|---|---:|---:|\n");
		samples.forEach((form, list) -> table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", form,
				median(list, Sample::wallSeconds), median(list, Sample::cpuSeconds))));
		System.out.println(table);
		Path out = Files.createDirectories(BuildDirectory.resolve("bench"));
		Files.writeString(out.resolve("startup.md"), table);
	}

	@Test
	void cpuOfTypicalTestCommands() throws Exception {
		try (GraphSimulator tenant = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token(TOKEN)
			.unifiedGroups(PLAN_GROUPS)
			.nonUnifiedGroups(PLAN_GROUPS / 10)
			.build())) {
			Path definition = Files.copy(Kustomize.PROJECT.resolve("jobs/disable-all.yaml"),
					root.resolve("disable-all.yaml"));
			List<String> jvm = new ArrayList<>(JobJvm.OPTIONS);
			jvm.addAll(
					List.of("-Dwriteback.graph.base-url=" + tenant.baseUrl(), "-Dwriteback.graph.access-token=" + TOKEN,
							"-Dspring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"));
			Map<String, List<String>> commands = new LinkedHashMap<>();
			commands.put("`--help`", ImageSteps.shared().entrypoint(jvm, List.of("--help")));
			commands.put("`runs`, empty H2 repository", ImageSteps.shared().entrypoint(jvm, List.of("runs")));
			commands.put("`plan`, " + PLAN_GROUPS + "-group simulated tenant",
					ImageSteps.shared().entrypoint(jvm, List.of("plan", "--definition", definition.toString())));
			Map<String, List<Sample>> samples = new LinkedHashMap<>();
			commands.keySet().forEach(command -> samples.put(command, new ArrayList<>()));
			for (int round = 0; round < ROUNDS; round++) {
				for (Map.Entry<String, List<String>> command : commands.entrySet()) {
					samples.get(command.getKey()).add(time(command.getValue()));
				}
			}
			StringBuilder table = new StringBuilder();
			table.append("CPU of a job process as the tests start it (the image, ")
				.append(String.join(" ", JobJvm.OPTIONS))
				.append("), median of ")
				.append(ROUNDS)
				.append(" interleaved rounds, ")
				.append(LocalDate.now())
				.append(", load average before: ")
				.append(loadAverage())
				.append("\n\n| command | wall s | CPU s (user+sys) |\n|---|---:|---:|\n");
			samples.forEach((command, list) -> table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n",
					command, median(list, Sample::wallSeconds), median(list, Sample::cpuSeconds))));
			System.out.println(table);
			Files.writeString(Files.createDirectories(BuildDirectory.resolve("bench")).resolve("commands.md"), table);
		}
	}

	/** The ENTRYPOINT's JVM options on the jar as the build packages it. */
	private static List<String> asBuilt(List<String> entrypoint) throws IOException {
		List<String> command = without(entrypoint, o -> o.startsWith(ARCHIVE_OPTION) || o.equals("-Xlog:cds*=off"));
		int jar = command.indexOf("-jar");
		command.set(jar + 1, PackagedJar.built().toString());
		return command;
	}

	private static List<String> without(List<String> command, Predicate<String> dropped) {
		List<String> kept = new ArrayList<>(command);
		kept.removeIf(dropped);
		return kept;
	}

	/**
	 * One start in a fresh working directory (so a fresh H2 file), timed; the shell
	 * reports its child's CPU time.
	 */
	private static Sample time(List<String> command) throws Exception {
		Path work = Files.createTempDirectory(root, "run-");
		List<String> shell = new ArrayList<>(
				List.of("sh", "-c", "\"$@\" >out.log 2>&1; status=$?; times >times.log; exit $status", "sh"));
		shell.addAll(command);
		long start = System.nanoTime();
		Process process = new ProcessBuilder(shell).directory(work.toFile()).start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes");
		}
		double wall = (System.nanoTime() - start) / 1e9;
		if (process.exitValue() != 0) {
			throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
					+ Files.readString(work.resolve("out.log")));
		}
		// `times`: the shell's user and system time, then its children's
		List<String> times = Files.readAllLines(work.resolve("times.log"));
		Matcher cpu = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s").matcher(times.get(1));
		if (!cpu.find()) {
			throw new IllegalStateException("unexpected output of `times`: " + times);
		}
		double seconds = Integer.parseInt(cpu.group(1)) * 60 + Double.parseDouble(cpu.group(2))
				+ Integer.parseInt(cpu.group(3)) * 60 + Double.parseDouble(cpu.group(4));
		return new Sample(wall, seconds);
	}

	private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
		List<Double> sorted = samples.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
	}

}
