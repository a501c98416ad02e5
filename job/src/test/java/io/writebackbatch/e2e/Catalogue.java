package io.writebackbatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.writebackbatch.BuildDirectory;

/**
 * The README's bad-input table, collected from every test class that exercises a bad
 * input or a hostile answer. Rows are keyed by case number so the table keeps its order
 * whatever order the tests run in; every class that adds rows calls {@link #write()} in
 * its {@code @AfterAll}, which rewrites {@code job/target/bad-input-catalogue.md} with
 * all rows recorded so far in this build. Number ranges: 1-99 definitions, CLI and
 * environment; 100-149 batched writes; 150-199 listing, settings, credentials and the job
 * repository; 200-229 operations; 230-259 change control; 260-269 sign-in; 270-299 the
 * second round of attacks on the packaged jar; 300-309 the job repository failing;
 * 320-339 attacks by a careless operator; 340-359 attacks on the write pacer.
 */
final class Catalogue {

	private static final Map<Integer, String> ROWS = new ConcurrentHashMap<>();

	private Catalogue() {
	}

	/**
	 * Records one case: what was given, the command, the first line the operator saw, and
	 * the exit code.
	 */
	static void row(int number, String input, String command, String firstLineOfStderr, int exitCode) {
		String previous = ROWS.putIfAbsent(number,
				"| " + input + " (`" + command + "`) | " + cell(firstLineOfStderr) + " | " + exitCode + " |");
		if (previous != null && !previous.contains(input)) {
			throw new IllegalStateException("catalogue case " + number + " is used twice");
		}
	}

	/**
	 * Writes the table: this JVM's rows merged with those an earlier test JVM of the same
	 * build wrote (the in-process tests run under surefire, the packaged-CLI
	 * {@code *CatalogueIT} cases under failsafe), kept by number in
	 * {@code job/target/bad-input-catalogue.rows}; {@code mvn clean} starts the
	 * collection afresh.
	 */
	static synchronized void write() {
		try {
			Path target = Files.createDirectories(BuildDirectory.path());
			Path numbered = target.resolve("bad-input-catalogue.rows");
			Map<Integer, String> all = new TreeMap<>();
			if (Files.exists(numbered)) {
				Files.readAllLines(numbered)
					.stream()
					.map(l -> l.split("\t", 2))
					.filter(f -> f.length == 2)
					.forEach(f -> all.put(Integer.valueOf(f[0]), f[1]));
			}
			all.putAll(ROWS);
			StringBuilder rows = new StringBuilder();
			StringBuilder table = new StringBuilder(
					"| input | message (first line of stderr) | exit code |\n|---|---|---|\n");
			all.forEach((number, row) -> {
				rows.append(number).append('\t').append(row).append('\n');
				table.append(row).append('\n');
			});
			Files.writeString(numbered, rows);
			Files.writeString(target.resolve("bad-input-catalogue.md"), table);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String cell(String text) {
		return "`" + text.replace("`", "'").replace("|", "\\|") + "`";
	}

}
