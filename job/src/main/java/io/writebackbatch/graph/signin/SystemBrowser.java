package io.writebackbatch.graph.signin;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.OpenBrowserAction;

/**
 * Starts the system browser on Linux for the browser sign-in, and says at once when it
 * cannot. MSAL's own way runs {@code xdg-open} and ignores how it ends, so on a machine
 * without a browser (an SSH session, a server) it waits its full 120 s for a sign-in that
 * never comes. Here the opener's exit is awaited briefly: ending with an error, or no
 * opener on the PATH, fails the sign-in, whose message points to
 * {@code --sign-in device-code}; still running after the wait means a browser is up (some
 * openers run as long as the browser does).
 */
final class SystemBrowser implements OpenBrowserAction {

	/** The openers MSAL tries on Linux, in its order. */
	private static final List<String> OPENERS = List.of("xdg-open", "gnome-open", "microsoft-edge", "wslview");

	/**
	 * How long an opener has to fail; xdg-open without a browser ends in milliseconds.
	 */
	private static final Duration FAILS_WITHIN = Duration.ofSeconds(5);

	@Override
	public void openBrowser(URL url) {
		Path path = OPENERS.stream()
			.map(SystemBrowser::onPath)
			.flatMap(Optional::stream)
			.findFirst()
			.orElseThrow(() -> noBrowser("none of " + String.join(", ", OPENERS) + " is on the PATH"));
		String opener = String.valueOf(path.getFileName());
		try {
			Process process = new ProcessBuilder(path.toString(), url.toString())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (process.waitFor(FAILS_WITHIN.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
				throw noBrowser(opener + " found no browser to start (exit " + process.exitValue() + ")");
			}
		}
		catch (IOException e) {
			throw noBrowser(opener + " could not be run (" + e.getMessage() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw noBrowser("interrupted while starting " + opener);
		}
	}

	private static Optional<Path> onPath(String command) {
		String path = System.getenv("PATH");
		return (path == null ? Stream.<String>empty() : Stream.of(path.split(File.pathSeparator)))
			.filter(folder -> !folder.isEmpty())
			.map(folder -> Path.of(folder, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static MsalClientException noBrowser(String why) {
		return new MsalClientException("no browser could be started: " + why, "browser_not_started");
	}

}
