package io.writebackbatch.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.writebackbatch.BuildDirectory;

/**
 * The harness's table: one row per crash trial and per soak, plus the secrets scan,
 * printed and written to {@code job/target/reliability-report.md} after each harness
 * class (failsafe runs them in one JVM, so the file ends with everything).
 */
final class ReliabilityReport {

	/**
	 * One trial or soak. {@code resent}/{@code inFlight}/{@code bound} are -1 where they
	 * do not apply.
	 */
	record Row(String trial, String signal, String phase, String exits, String ending, int lost, int wronglyTouched,
			int resent, int inFlight, int bound, boolean reportOk, Duration duration, boolean passed, String notes) {
	}

	private static final List<Row> ROWS = new ArrayList<>();

	private static final List<String> NOTES = new ArrayList<>();

	private ReliabilityReport() {
	}

	/**
	 * Adds a row and rewrites the file, so a series stopped part-way still leaves the
	 * table of what ran.
	 */
	static synchronized void add(Row row) throws IOException {
		ROWS.add(row);
		Files.writeString(file(), markdown(), StandardCharsets.UTF_8);
	}

	static synchronized void note(String note) {
		NOTES.add(note);
	}

	static synchronized String markdown() {
		StringBuilder sb = new StringBuilder();
		long passed = ROWS.stream().filter(Row::passed).count();
		sb.append("Reliability harness, ")
			.append(LocalDate.now(ZoneOffset.UTC))
			.append(": `")
			.append(command())
			.append("`\n\n");
		sb.append(
				"| trial | signal | phase: chosen → at signal | exit codes (signalled → resumes) | ending | groups lost "
						+ "| wrongly touched | re-sent / in flight / bound | report counts ok | duration | result |\n");
		sb.append("|---|---|---|---|---|---:|---:|---|---|---:|---|\n");
		for (Row r : ROWS) {
			sb.append("| ")
				.append(r.trial())
				.append(" | ")
				.append(r.signal())
				.append(" | ")
				.append(r.phase())
				.append(" | ")
				.append(r.exits())
				.append(" | ")
				.append(r.ending())
				.append(" | ")
				.append(r.lost())
				.append(" | ")
				.append(r.wronglyTouched())
				.append(" | ")
				.append(r.resent() < 0 ? "-"
						: r.bound() < 0 ? r.resent() + " (no crash)"
								: r.resent() + " / " + r.inFlight() + " / " + r.bound())
				.append(" | ")
				.append(r.reportOk() ? "yes" : "**NO**")
				.append(" | ")
				.append(String.format("%.1f s", r.duration().toMillis() / 1000.0))
				.append(" | ")
				.append(r.passed() ? "pass" : "**FAIL**")
				.append(r.notes().isEmpty() ? "" : " (" + r.notes() + ")")
				.append(" |\n");
		}
		sb.append("\n").append(passed).append(" of ").append(ROWS.size()).append(" passed");
		for (String signal : List.of("SIGKILL", "SIGTERM")) {
			List<Row> trials = ROWS.stream().filter(r -> r.signal().equals(signal)).toList();
			sb.append(String.format("; %s %d/%d", signal, trials.stream().filter(Row::passed).count(), trials.size()));
		}
		sb.append(String.format("; groups lost %d, wrongly touched %d, re-sent beyond the in-flight count %d.%n",
				ROWS.stream().mapToInt(Row::lost).sum(), ROWS.stream().mapToInt(Row::wronglyTouched).sum(),
				ROWS.stream().filter(r -> r.inFlight() >= 0 && r.resent() > r.inFlight()).count()));
		for (String note : NOTES) {
			sb.append("\n").append(note).append('\n');
		}
		return sb.toString();
	}

	static String command() {
		if (!Boolean.getBoolean("reliability.full")) {
			return "mvn -B verify (short version: -Dtrials=" + Integer.getInteger("trials", 1) + " -Dsigterm.trials="
					+ Integer.getInteger("sigterm.trials", 1) + " -Dsoak.seconds="
					+ Integer.getInteger("soak.seconds", 20) + ", seed " + ReliabilityIT.SEED + ")";
		}
		return "mvn -Preliability verify -Dtrials=" + Integer.getInteger("trials", 1) + " -Dsigterm.trials="
				+ Integer.getInteger("sigterm.trials", 1) + " -Dsoak.seconds=" + Integer.getInteger("soak.seconds", 20)
				+ " -Dreliability.seed=" + ReliabilityIT.SEED
				+ (ReliabilityIT.FIRST_TRIAL == 1 ? "" : " -Dtrials.from=" + ReliabilityIT.FIRST_TRIAL);
	}

	static synchronized void write() throws IOException {
		String md = markdown();
		Files.writeString(file(), md, StandardCharsets.UTF_8);
		System.out.println("\n" + md + "\nwritten to " + file());
	}

	private static Path file() throws IOException {
		Path file = BuildDirectory.resolve("reliability-report.md");
		Files.createDirectories(file.getParent());
		return file;
	}

}
