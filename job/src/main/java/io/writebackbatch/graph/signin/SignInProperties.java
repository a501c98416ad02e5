package io.writebackbatch.graph.signin;

import java.nio.file.Path;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Interactive sign-in of an administrator for one-off runs (off unless {@code method} is
 * set, by this setting or the run commands' {@code --sign-in}). Environment:
 * {@code WRITEBACK_SIGNIN_METHOD}, {@code WRITEBACK_SIGNIN_CLIENTID},
 * {@code WRITEBACK_SIGNIN_TENANTID}, ... The authority is Graph's
 * (writeback.graph.cloud.authority-host, else the base URL's cloud's, else
 * {@code AZURE_AUTHORITY_HOST}, else the global cloud's).
 *
 * @param method device-code or browser; unset: no interactive sign-in (token or
 * azure-identity chain instead)
 * @param clientId the administrator's own app registration (a public client); required
 * for sign-in
 * @param tenantId the tenant id or domain to sign in to; {@code organizations} lets any
 * work account's tenant in
 * @param instanceDiscovery ask Entra whether the authority is known; off only for an
 * authority Entra does not list (a private cloud, or a test's loopback authority)
 * @param cacheDirectory where the token cache and the signed-in account are kept
 * (owner-only); default {@code ~/.writeback-batch/sign-in}
 * @param allowUnencryptedCache on Linux without a usable keyring, keep the token cache in
 * an owner-only plain file
 * @param permissions what the command asks for; set by the run commands, not by operators
 */
@ConfigurationProperties("writeback.sign-in")
public record SignInProperties(@Nullable SignInMethod method, @Nullable String clientId,
		@DefaultValue("organizations") String tenantId, @DefaultValue("true") boolean instanceDiscovery,
		Path cacheDirectory, @DefaultValue("false") boolean allowUnencryptedCache,
		@DefaultValue("GROUP_READ_ALL") Set<DelegatedPermission> permissions) {

	public SignInProperties {
		if (cacheDirectory == null) {
			cacheDirectory = defaultCacheDirectory();
		}
	}

	/**
	 * No interactive sign-in: for callers that only use a token or azure-identity's
	 * chain.
	 */
	public static SignInProperties none() {
		return new SignInProperties(null, null, "organizations", true, defaultCacheDirectory(), false,
				Set.of(DelegatedPermission.GROUP_READ_ALL));
	}

	private static Path defaultCacheDirectory() {
		return Path.of(System.getProperty("user.home"), ".writeback-batch", "sign-in");
	}

	public boolean enabled() {
		return method != null;
	}
}
