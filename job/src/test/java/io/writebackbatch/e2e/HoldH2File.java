package io.writebackbatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM that opens an H2 file database and holds it (and so its file lock) until
 * closed or killed.
 */
public final class HoldH2File implements AutoCloseable {

	private final Process holder;

	private HoldH2File(Process holder) {
		this.holder = holder;
	}

	/** Starts the holding JVM and returns once it holds {@code url}. */
	static HoldH2File hold(String url) throws IOException {
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), HoldH2File.class.getName(), url)
			.redirectErrorStream(true)
			.start();
		HoldH2File held = new HoldH2File(holder);
		try {
			assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine())
				.startsWith("holding");
		}
		catch (IOException | AssertionError e) {
			held.close();
			throw e;
		}
		return held;
	}

	@Override
	public void close() {
		holder.destroy();
		try {
			holder.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	public static void main(String[] args) throws Exception {
		try (var connection = DriverManager.getConnection(args[0], "sa", "")) {
			System.out.println("holding " + args[0]);
			System.out.flush();
			Thread.sleep(120_000);
		}
	}

}
