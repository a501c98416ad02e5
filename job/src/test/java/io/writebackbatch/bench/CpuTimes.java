package io.writebackbatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks (USER_HZ, 100 per second on every
 * architecture Linux runs the JDK on): the whole machine, this JVM and the children it
 * has reaped, and a process tree (a PostgreSQL server: the postmaster and its backends).
 * A snapshot before and one after a run; the difference is what the run cost.
 */
record CpuTimes(long machineBusy, long machineTotal, long self, long reapedChildren, long repository) {

	static final double TICKS_PER_SECOND = 100;

	/** Snapshot; {@code repositoryPid} is the PostgreSQL postmaster's, when known. */
	static CpuTimes now(OptionalLong repositoryPid) {
		long[] machine = machine();
		Stat self = stat(Path.of("/proc/self/stat"));
		return new CpuTimes(machine[0], machine[1], self.own(), self.reaped(),
				repositoryPid.isPresent() ? tree(repositoryPid.getAsLong()) : -1);
	}

	CpuTimes since(CpuTimes before) {
		return new CpuTimes(machineBusy - before.machineBusy, machineTotal - before.machineTotal, self - before.self,
				reapedChildren - before.reapedChildren,
				repository < 0 || before.repository < 0 ? -1 : repository - before.repository);
	}

	static double seconds(long ticks) {
		return ticks / TICKS_PER_SECOND;
	}

	/** {@code /proc/loadavg}'s first three fields. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException e) {
			return "unknown";
		}
	}

	/** Busy (all but idle and iowait) and total ticks of all cores since boot. */
	private static long[] machine() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < f.length && i <= 8; i++) { // user .. steal; guest is in
															// user already
				total += Long.parseLong(f[i]);
			}
			long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
			return new long[] { total - idle, total };
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A process's own ticks (utime + stime) and those of its children it has waited for
	 * (cutime + cstime).
	 */
	record Stat(long pid, long parent, long own, long reaped) {
	}

	private static Stat stat(Path file) {
		try {
			String line = Files.readString(file);
			// the command name (field 2) may hold spaces and parentheses: fields resume
			// after
			// the last ')'
			String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
			long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
			return new Stat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
					Long.parseLong(f[13]) + Long.parseLong(f[14]));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Ticks of a process and its live descendants, with what each has reaped: a backend
	 * that ended is in the postmaster's reaped ticks, so nothing is lost or counted
	 * twice.
	 */
	static long tree(long root) {
		Map<Long, List<Stat>> byParent = new HashMap<>();
		Map<Long, Stat> byPid = new HashMap<>();
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
				try {
					Stat s = stat(p.resolve("stat"));
					byPid.put(s.pid(), s);
					byParent.computeIfAbsent(s.parent(), k -> new java.util.ArrayList<>()).add(s);
				}
				catch (UncheckedIOException | StringIndexOutOfBoundsException e) {
					// the process ended while /proc was being read
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		long ticks = 0;
		Deque<Stat> todo = new ArrayDeque<>();
		if (byPid.containsKey(root)) {
			todo.add(byPid.get(root));
		}
		while (!todo.isEmpty()) {
			Stat s = todo.pop();
			ticks += s.own() + s.reaped();
			todo.addAll(byParent.getOrDefault(s.pid(), List.of()));
		}
		return ticks;
	}

}
