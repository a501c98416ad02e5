package io.writebackbatch.e2e;

import java.util.function.Supplier;

import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphSimulator;

/**
 * Stops a command part-way in-process: once the tenant has taken {@code writes} more
 * PATCHes, every request is answered 503 until the command returns (then the faults are
 * cleared). With no retries and no tolerated failures the apply ends FAILED, resumable.
 */
final class FaultAfterWrites {

	private FaultAfterWrites() {
	}

	static <T> T run(GraphSimulator sim, int writes, Supplier<T> command) {
		long start = patches(sim);
		Thread trigger = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				if (patches(sim) >= start + writes) {
					sim.faults(FaultConfig.none().errorRate(1.0));
					return;
				}
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "fault-after-writes");
		trigger.setDaemon(true);
		trigger.start();
		try {
			return command.get();
		}
		finally {
			trigger.interrupt();
			try {
				trigger.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			sim.faults(FaultConfig.none());
		}
	}

	private static long patches(GraphSimulator sim) {
		return sim.audit().stream().filter(e -> e.method().equals("PATCH")).count();
	}

}
