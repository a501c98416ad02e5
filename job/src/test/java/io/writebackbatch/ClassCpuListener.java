package io.writebackbatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Writes, for each test class, its wall time and the CPU it cost: the test JVM's own
 * threads plus every process it started and waited for (the job JVMs of the packaged-jar
 * lane), from {@code /proc/self/stat}. Both lanes are CPU-bound on a 2-core machine, so
 * CPU, not wall time, says which class makes the default run long. A test JVM runs its
 * classes one at a time (only catalogue cases run side by side, within their class), so
 * the difference between a class's start and end is that class's. One line per class in
 * {@code target/test-cpu.tsv}: {@code class, wall s, CPU s}; nothing where there is no
 * {@code /proc} (not Linux).
 */
public final class ClassCpuListener implements TestExecutionListener {

	private static final Path PROC_STAT = Path.of("/proc/self/stat");

	/** Kernel clock ticks per second, 100 on every Linux this runs on. */
	private static final double TICKS_PER_SECOND = 100;

	private final Map<String, long[]> started = new ConcurrentHashMap<>();

	@Override
	public void executionStarted(TestIdentifier test) {
		className(test).ifPresent(name -> started.put(name, new long[] { System.nanoTime(), cpuTicks() }));
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		className(test).ifPresent(name -> {
			long[] start = started.remove(name);
			if (start == null || !Files.isReadable(PROC_STAT)) {
				return;
			}
			String line = String.format(Locale.ROOT, "%s\t%.1f\t%.1f%n", name, (System.nanoTime() - start[0]) / 1e9,
					(cpuTicks() - start[1]) / TICKS_PER_SECOND);
			try {
				Files.writeString(BuildDirectory.resolve("test-cpu.tsv"), line, StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private static Optional<String> className(TestIdentifier test) {
		return test.getSource()
			.filter(ClassSource.class::isInstance)
			.map(source -> ((ClassSource) source).getClassName());
	}

	/**
	 * utime + stime + cutime + cstime: this JVM's CPU and that of its waited-for
	 * children.
	 */
	private static long cpuTicks() {
		try {
			String stat = Files.readString(PROC_STAT);
			// the fields after the command name, which is in parentheses and may hold
			// spaces
			List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
			// fields 14-17 of proc(5), counted from the state (field 3) at index 0
			return fields.subList(11, 15).stream().mapToLong(Long::parseLong).sum();
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

}
