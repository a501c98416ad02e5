package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;

/**
 * A pre-issued token (from a setting or a file), sent only to the configured Graph host.
 * The token is checked before use: it goes into an HTTP header, where a line break or a
 * non-ASCII character would fail every request obscurely.
 */
final class StaticAccessTokenProvider implements AccessTokenProvider {

	/** Far above any Entra token (a few KiB); a file larger than this is not a token. */
	static final int MAX_TOKEN_BYTES = 64 * 1024;

	private final Supplier<String> token;

	private final AllowedHostsValidator allowedHosts;

	private StaticAccessTokenProvider(Supplier<String> token, String host) {
		this.token = token;
		this.allowedHosts = new AllowedHostsValidator(host);
	}

	static StaticAccessTokenProvider ofValue(String token, String host) {
		String checked = validated(token.strip(), "GRAPH_ACCESS_TOKEN (writeback.graph.access-token)");
		return new StaticAccessTokenProvider(() -> checked, host);
	}

	/**
	 * Re-reads the file on each request so that a mounted, refreshed token is picked up
	 * during a long run.
	 */
	static StaticAccessTokenProvider ofFile(Path file, String host) {
		readToken(file); // at start, so a bad file is refused before any work
		return new StaticAccessTokenProvider(() -> readToken(file), host);
	}

	private static String readToken(Path file) {
		String source = "the access token file " + file + " (GRAPH_ACCESS_TOKEN_FILE)";
		// a FIFO would block on open and a device such as /dev/zero never ends: only
		// regular files are read
		if (!Files.isRegularFile(file)) {
			throw refused(source + (Files.exists(file) ? " is not a regular file" : " does not exist")
					+ "; point GRAPH_ACCESS_TOKEN_FILE at a file holding the token");
		}
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes(MAX_TOKEN_BYTES + 1);
		}
		catch (IOException e) {
			throw refused("cannot read " + source + " (" + e.getClass().getSimpleName() + ")");
		}
		if (bytes.length > MAX_TOKEN_BYTES) {
			throw refused(source + " is larger than " + MAX_TOKEN_BYTES / 1024 + " KiB: it is not an access token");
		}
		String value = new String(bytes, StandardCharsets.UTF_8).strip();
		if (value.isEmpty()) {
			throw refused(source + " is empty; write a token into it or unset GRAPH_ACCESS_TOKEN_FILE");
		}
		return validated(value, source);
	}

	/**
	 * A bearer token is printable ASCII without spaces (RFC 6750 b64token); name the
	 * first offending character.
	 */
	static String validated(String token, String source) {
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				String what = c == '\r' || c == '\n' ? "a line break"
						: c == ' ' || c == '\t' ? "white space"
								: c > 0x7E ? "a non-ASCII character (U+" + String.format("%04X", (int) c) + ")"
										: "a control character (U+" + String.format("%04X", (int) c) + ")";
				throw refused(source + " contains " + what + " at position " + (i + 1)
						+ ": an access token is one line of printable ASCII; copy it again without the extra text");
			}
		}
		return token;
	}

	private static GraphAccessException refused(String message) {
		return new GraphAccessException(FailureKind.AUTHENTICATION, message);
	}

	@Override
	public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
		return allowedHosts.isUrlHostValid(uri) ? token.get() : "";
	}

	@Override
	public AllowedHostsValidator getAllowedHostsValidator() {
		return allowedHosts;
	}

}
