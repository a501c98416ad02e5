package io.writebackbatch.cli;

import java.io.IOException;
import java.util.function.Supplier;

import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Starts the Graph simulator from a command's options ({@code simulate}, {@code demo}):
 * whatever the simulator cannot play (a rate outside [0,1], a negative count or latency,
 * a port out of range, a tenant file that is not a file), found while its configuration
 * is built or while it starts, is a usage error naming it (exit 2), not a stack trace.
 */
final class SimulatorOptions {

	private SimulatorOptions() {
	}

	static GraphSimulator start(CommandSpec spec, Supplier<SimulatorConfig> config) throws IOException {
		try {
			return GraphSimulator.start(config.get());
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
		}
	}

}
