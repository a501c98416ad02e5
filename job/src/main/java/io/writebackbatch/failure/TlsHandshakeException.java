package io.writebackbatch.failure;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connection whose TLS handshake failed or got no answer in time: most often an https
 * URL pointing at a port that speaks plain http. {@link Failures} judges whether a person
 * must fix it.
 */
public class TlsHandshakeException extends IOException {

	/**
	 * @param peer the host and port the handshake was with
	 * ({@code graph.microsoft.com:443})
	 * @param bound how long the handshake may take
	 * @param cause what the TLS layer or the socket threw
	 */
	public TlsHandshakeException(String peer, Duration bound, IOException cause) {
		super("the TLS handshake with " + peer
				+ (timedOut(cause) ? " got no answer within " + bound.toSeconds() + " s"
						: " failed (" + Failures.firstLine(cause) + ")")
				+ ": is the base URL's scheme (https vs http) and port " + "right?", cause);
	}

	private static boolean timedOut(Throwable cause) {
		return cause instanceof SocketTimeoutException;
	}

}
