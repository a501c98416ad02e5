package io.writebackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The fleet benchmark's CPU accounting: a process tree's ticks include what its
 * descendants spent before they ended (a PostgreSQL backend that closed is in its
 * postmaster's reaped ticks), and the machine's busy ticks grow while a core works.
 */
@EnabledOnOs(OS.LINUX)
class CpuTimesTests {

	@Test
	void aTreeCountsTheTicksOfDescendantsThatEnded() throws Exception {
		// the busy loop runs in a subshell that ends before the parent is measured
		Process parent = new ProcessBuilder("sh", "-c",
				"( i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done ); echo done; sleep 30")
			.redirectErrorStream(true)
			.start();
		try {
			CpuTimes before = CpuTimes.now(OptionalLong.empty());
			assertThat(new String(parent.getInputStream().readNBytes(5))).isEqualTo("done\n");
			CpuTimes spent = CpuTimes.now(OptionalLong.empty()).since(before);
			long tree = CpuTimes.tree(parent.pid());
			assertThat(tree).as("ticks of the shell and its ended subshell").isGreaterThanOrEqualTo(10);
			assertThat(spent.machineBusy()).as("the machine was busy at least as long")
				.isGreaterThanOrEqualTo(tree / 2);
			assertThat(CpuTimes.tree(Long.MAX_VALUE)).as("no such process").isZero();
		}
		finally {
			parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
