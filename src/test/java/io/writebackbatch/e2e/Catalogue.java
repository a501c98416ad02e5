package io.writebackbatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The README's bad-input table, collected from every test class that exercises a bad input or a hostile answer.
 * Rows are keyed by case number so the table keeps its order whatever order the tests run in; every class that adds
 * rows calls {@link #write()} in its {@code @AfterAll}, which rewrites {@code target/bad-input-catalogue.md} with
 * all rows recorded so far in this JVM. Number ranges: 1-99 definitions, CLI and environment; 100-149 batched
 * writes; 150-199 listing, settings, credentials and the job repository; 200-229 operations; 230-259 change control.
 */
final class Catalogue {

	private static final Map<Integer, String> ROWS = new ConcurrentHashMap<>();

	private Catalogue() {
	}

	/** Records one case: what was given, the command, the first line the operator saw, and the exit code. */
	static void row(int number, String input, String command, String firstLineOfStderr, int exitCode) {
		String previous = ROWS.putIfAbsent(number,
				"| " + input + " (`" + command + "`) | " + cell(firstLineOfStderr) + " | " + exitCode + " |");
		if (previous != null && !previous.contains(input)) {
			throw new IllegalStateException("catalogue case " + number + " is used twice");
		}
	}

	static void write() {
		StringBuilder table = new StringBuilder("| input | message (first line of stderr) | exit code |\n|---|---|---|\n");
		new TreeMap<>(ROWS).values().forEach(row -> table.append(row).append('\n'));
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
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
