package io.writebackbatch.cli;

import io.writebackbatch.failure.ProcessExit;

/**
 * The program's entry point, the jar's Start-Class. Apart from {@link WritebackCli} so
 * that the SIGTERM hook is in place before the JVM loads and verifies picocli and the
 * rest of the CLI, which takes most of a second: a signal in that time would otherwise
 * end the process with the JVM's 143 instead of the command's own exit code.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		SignalHandler signals = SignalHandler.install();
		int code = WritebackCli.execute(args);
		signals.finished(code);
		ProcessExit.exit(code);
	}

}
