package io.writebackbatch.e2e;

import java.sql.DriverManager;

/**
 * Run in a second JVM: opens an H2 file database and holds it (and so its file lock)
 * until killed.
 */
public final class HoldH2File {

	private HoldH2File() {
	}

	public static void main(String[] args) throws Exception {
		try (var connection = DriverManager.getConnection(args[0], "sa", "")) {
			System.out.println("holding " + args[0]);
			System.out.flush();
			Thread.sleep(120_000);
		}
	}

}
