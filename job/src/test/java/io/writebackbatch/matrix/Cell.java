package io.writebackbatch.matrix;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.writebackbatch.OwnExecutionIds;
import io.writebackbatch.e2e.Cli;
import io.writebackbatch.simulator.AuditEntry;
import io.writebackbatch.simulator.BatchFaults;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphModes;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.GroupView;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.ThrottleConfig;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One command under one column's faults, on a small tenant of its own, judged three ways:
 * the exit code (and no stack trace), the tenant, and what the run recorded as applied
 * against what Graph's audit log says it carried out.
 */
final class Cell {

	/** The cell's answer: exit code, problems found (none: green), seconds taken. */
	record Verdict(int exitCode, List<String> problems, double seconds) {

		boolean green() {
			return problems.isEmpty();
		}

	}

	static final int GROUPS = 24;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s*at [\\w.$]+\\(|Exception in thread");

	private static final Pattern TARGET = Pattern.compile("isEnabled=(true|false|null)");

	private static final Set<String> NOT_THE_JOB = Set.of("admin", "someone-else");

	private static final String NEW_GROUP_DEFAULT = "NewUnifiedGroupWritebackDefault";

	private final Scenario scenario;

	private final Column column;

	private final Path dir;

	private final GraphSimulator sim;

	private final Cli cli;

	private int auditAtCommand;

	Cell(Scenario scenario, Column column, Path dir) throws IOException {
		this.scenario = scenario;
		this.column = column;
		this.dir = Files.createDirectories(dir);
		this.sim = GraphSimulator.start(SimulatorConfig.builder()
			.port(0)
			.token("matrix-token")
			.seed(20)
			.unifiedGroups(GROUPS)
			.nonUnifiedGroups(2)
			.threads(16)
			.build());
		// commands of several cells run side by side in this JVM
		this.cli = matrixSettings(new Cli(sim.baseUrl(), sim.token(), dir.resolve("reports")))
			.with("spring.flyway.locations", OwnExecutionIds.flywayLocations(dir));
		Files.writeString(dir.resolve("definition.yaml"), scenario.definition());
	}

	/**
	 * Short bounds, so an unkind Graph costs seconds, not minutes; pages of 5, so that a
	 * listing of a small tenant is several requests.
	 */
	private static Cli matrixSettings(Cli cli) {
		return cli.with("writeback.graph.max-retry-wait", "1s")
			.with("writeback.graph.batch.call-timeout", "3s")
			.with("writeback.graph.batch.no-progress-timeout", "20s")
			.with("writeback.graph.call.deadline", "20s")
			.with("writeback.graph.page-size", "5")
			.with("logging.level.root", "ERROR")
			.with("logging.level.io.writebackbatch", "ERROR");
	}

	Verdict judge() {
		long start = System.nanoTime();
		try (sim) {
			Optional<String> settingBefore = setting();
			Run run = scenario.run(this);
			List<String> problems = new ArrayList<>();
			exitCode(run.result(), problems);
			tenant(run, settingBefore, problems);
			recordedOutcomes(problems);
			return new Verdict(run.result().exitCode(), problems, seconds(start));
		}
		catch (RuntimeException e) {
			return new Verdict(-1, List.of("the cell could not run: " + e), seconds(start));
		}
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private void exitCode(Cli.Result result, List<String> problems) {
		Set<Integer> allowed = ExitCodes.allowed(scenario, column);
		if (!allowed.contains(result.exitCode())) {
			problems.add("exit " + result.exitCode() + ", the failure model says " + allowed + ": "
					+ firstLines(result.err()));
		}
		if (STACK_TRACE.matcher(result.err()).find()) {
			problems.add("a stack trace on stderr: " + firstLines(result.err()));
		}
	}

	private void tenant(Run run, Optional<String> settingBefore, List<String> problems) {
		boolean completed = run.result().exitCode() == 0;
		Set<String> roleAssignable = sim.roleAssignableGroupIds();
		for (GroupView was : run.before().values()) {
			Optional<GroupView> now = sim.tenant().group(was.id());
			if (now.isEmpty()) {
				continue; // deleted by someone else
			}
			boolean selected = run.selects().test(was);
			boolean wanted = selected && run.wanted().test(was, now.get());
			if (!Run.same(was, now.get()) && !wanted) {
				problems.add("group " + was.id() + " went from " + state(was) + " to " + state(now.get())
						+ ", which the definition does not say");
			}
			else if (completed && selected && !wanted && !roleAssignable.contains(was.id())) {
				problems.add("exit 0, but group " + was.id() + " is still " + state(now.get()));
			}
		}
		if (!run.writes() && sim.audit().stream().skip(auditAtCommand).anyMatch(Cell::byTheJob)) {
			problems.add("a read-only command changed the tenant");
		}
		if (scenario.changesSetting()) {
			Optional<String> now = setting();
			if (!now.equals(settingBefore) && !now.equals(Optional.of("false"))) {
				problems.add(NEW_GROUP_DEFAULT + " became " + now);
			}
			if (completed && !now.equals(Optional.of("false"))) {
				problems.add("exit 0, but " + NEW_GROUP_DEFAULT + " is " + now);
			}
		}
	}

	/** Every group a run recorded as UPDATED was PATCHed by the job to its target. */
	private void recordedOutcomes(List<String> problems) {
		Map<String, List<JsonNode>> patches = new HashMap<>();
		for (AuditEntry e : sim.audit()) {
			if (e.method().equals("PATCH") && byTheJob(e) && e.after() != null) {
				patches.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(JSON.readTree(e.after()));
			}
		}
		for (CSVRecord row : recordedRows()) {
			if (!row.get("outcome").equals("UPDATED")) {
				continue;
			}
			Matcher target = TARGET.matcher(row.get("target"));
			String enabled = target.find() ? target.group(1) : "null";
			boolean confirmed = patches.getOrDefault(row.get("id"), List.of())
				.stream()
				.anyMatch(after -> enabled.equals("null") || enabled.equals(enabledOf(after)));
			if (!confirmed) {
				problems.add("group " + row.get("id") + " recorded UPDATED (" + row.get("target")
						+ ") but Graph's audit has no such PATCH");
			}
		}
	}

	private static String enabledOf(JsonNode writeback) {
		JsonNode enabled = writeback.path("isEnabled");
		return (enabled.isMissingNode() || enabled.isNull()) ? "null" : String.valueOf(enabled.asBoolean());
	}

	private List<CSVRecord> recordedRows() {
		Path reports = dir.resolve("reports");
		if (!Files.isDirectory(reports)) {
			return List.of();
		}
		List<CSVRecord> rows = new ArrayList<>();
		try (Stream<Path> files = Files.walk(reports)) {
			for (Path csv : files.filter(p -> p.getFileName().toString().equals("groups.csv")).toList()) {
				try (Reader in = Files.newBufferedReader(csv)) {
					CSVFormat.DEFAULT.builder()
						.setHeader()
						.setSkipHeaderRecord(true)
						.get()
						.parse(in)
						.forEach(rows::add);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return rows;
	}

	private static boolean byTheJob(AuditEntry e) {
		return !NOT_THE_JOB.contains(e.requestId());
	}

	private Optional<String> setting() {
		return sim.tenant().groupUnifiedSetting().map(values -> values.get(NEW_GROUP_DEFAULT));
	}

	private static String state(GroupView g) {
		return "isEnabled=" + g.writebackEnabled() + "/" + g.onPremisesGroupType();
	}

	private static String firstLines(String text) {
		String t = text.strip();
		int cut = t.indexOf('\n', Math.min(t.length(), 300));
		return (cut < 0) ? t : t.substring(0, cut) + " ...";
	}

	// what the scenarios use

	GraphSimulator sim() {
		return sim;
	}

	String definition() {
		return dir.resolve("definition.yaml").toString();
	}

	/** The unified groups now, by id. */
	Map<String, GroupView> groups() {
		Map<String, GroupView> groups = new HashMap<>();
		sim.tenant().unifiedGroups().forEach(g -> groups.put(g.id(), g));
		return groups;
	}

	/** Selects the column's faults. */
	void unkind() {
		column.select(sim);
	}

	/** Graph at its kindest again. */
	void kind() {
		sim.faults(FaultConfig.none());
		sim.batchFaults(BatchFaults.none());
		sim.modes(GraphModes.defaults());
		sim.throttling(ThrottleConfig.off());
	}

	/** Every batch envelope refused with 503: the next apply stops part-way. */
	void stopNextRun() {
		sim.batchFaults(BatchFaults.none().envelope(1, 503, null));
	}

	/** A command needed before the one under test; it must end with {@code exitCode}. */
	Cli.Result setup(int exitCode, String... args) {
		return setup(exitCode, Map.of(), args);
	}

	Cli.Result setup(int exitCode, Map<String, String> extra, String... args) {
		Cli.Result r = cli.run(extra, args);
		if (r.exitCode() != exitCode) {
			throw new IllegalStateException("setup '" + String.join(" ", args) + "' ended " + r.exitCode() + ", not "
					+ exitCode + ": " + firstLines(r.all()));
		}
		return r;
	}

	/** The command under test. */
	Cli.Result cli(String... args) {
		auditAtCommand = sim.audit().size();
		return cli.run(args);
	}

	Scenario scenario() {
		return scenario;
	}

	Column column() {
		return column;
	}

}
