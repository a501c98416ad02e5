package io.writebackbatch.graph.signin;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Who signed in last, kept beside the token cache (like azure-identity's
 * {@code AuthenticationRecord}): no token, only the account's id, so that the next
 * command picks that account's tokens from the cache without prompting.
 *
 * @param homeAccountId MSAL's account id ({@code <object id>.<tenant id>})
 * @param username the sign-in name, for the log
 * @param clientId the app registration it was for
 * @param authority the authority it was issued by
 */
record SignedInAccount(String homeAccountId, String username, String clientId, String authority) {

	static final String FILE = "signed-in-account.properties";

	static Optional<SignedInAccount> load(Path directory) {
		Path file = directory.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			Properties properties = new Properties();
			properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
			SignedInAccount account = new SignedInAccount(properties.getProperty("homeAccountId"),
					properties.getProperty("username"), properties.getProperty("clientId"),
					properties.getProperty("authority"));
			return account.homeAccountId() == null ? Optional.empty() : Optional.of(account);
		}
		catch (IOException | IllegalArgumentException unreadable) {
			return Optional.empty(); // a damaged record only costs one more prompt
		}
	}

	void save(Path directory) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("homeAccountId", homeAccountId);
		properties.setProperty("username", username == null ? "" : username);
		properties.setProperty("clientId", clientId);
		properties.setProperty("authority", authority);
		StringWriter text = new StringWriter();
		properties.store(text, "writeback-batch: the account signed in last (no token); delete to sign in afresh");
		OwnerOnlyFiles.write(directory.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
	}

	boolean isFor(String clientId, String authority) {
		return this.clientId.equals(clientId) && this.authority.equals(authority);
	}
}
