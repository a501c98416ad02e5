package io.writebackbatch.graph.signin;

import java.io.IOException;
import java.nio.file.Path;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import com.microsoft.aad.msal4jextensions.PersistenceSettings;
import com.microsoft.aad.msal4jextensions.PersistenceTokenCacheAccessAspect;
import com.sun.jna.Platform;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.GraphAccessException;

/**
 * The persistent MSAL token cache that lets plan, apply and rollback in one sitting share
 * one sign-in: encrypted by the platform (macOS keychain, Windows DPAPI, a Linux Secret
 * Service keyring), or, on Linux without a usable keyring and only when the operator
 * allowed it, an owner-only plain file. The cache holds refresh tokens by design; nothing
 * else of the job ever sees them.
 *
 * <p>
 * MSAL's own persistence extension does the storing and the cross-process locking.
 * azure-identity's {@code TokenCachePersistenceOptions} is not used because on Linux
 * without a keyring it fails even with unencrypted storage allowed
 * (azure-sdk-for-java#42962, reproduced with 1.18.4), which is exactly the SSH box and
 * the pod.
 */
final class TokenCache implements ITokenCacheAccessAspect {

	static final String CACHE_FILE = "msal-token-cache";

	private static final String KEYRING_SCHEMA = "io.writebackbatch.sign-in";

	private final Path file;

	private final PersistenceTokenCacheAccessAspect store;

	private final String protection;

	private TokenCache(Path file, PersistenceTokenCacheAccessAspect store, String protection) {
		this.file = file;
		this.store = store;
		this.protection = protection;
		OwnerOnlyFiles.restrict(file);
	}

	static TokenCache open(Path directory, boolean allowUnencrypted) {
		try {
			OwnerOnlyFiles.directory(directory);
			PersistenceSettings.Builder settings = PersistenceSettings.builder(CACHE_FILE, directory);
			Path file = directory.resolve(CACHE_FILE);
			if (Platform.isMac()) {
				return new TokenCache(file, new PersistenceTokenCacheAccessAspect(
						settings.setMacKeychain("writeback-batch", CACHE_FILE).build()), "macOS keychain");
			}
			if (!Platform.isLinux()) {
				return new TokenCache(file, new PersistenceTokenCacheAccessAspect(settings.build()),
						"file encrypted with Windows DPAPI");
			}
			return linux(directory, file, allowUnencrypted);
		}
		catch (IOException e) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT,
					"cannot use the sign-in token cache in " + directory + " (" + e.getMessage()
							+ "); set writeback.sign-in.cache-directory to a private folder");
		}
	}

	private static TokenCache linux(Path directory, Path file, boolean allowUnencrypted) throws IOException {
		try {
			return new TokenCache(file,
					new PersistenceTokenCacheAccessAspect(PersistenceSettings.builder(CACHE_FILE, directory)
						.setLinuxKeyring(null, KEYRING_SCHEMA, "writeback-batch sign-in token cache", "cache",
								CACHE_FILE, null, null)
						.build()),
					"Linux keyring");
		}
		catch (IOException e) {
			throw e;
		}
		catch (RuntimeException | Error keyringUnusable) {
			// no libsecret, no Secret Service on the session bus (SSH, containers), a
			// locked keyring; JNA reports
			// some of these as a bare Error
			if (keyringUnusable instanceof VirtualMachineError fatal) {
				throw fatal;
			}
			if (!allowUnencrypted) {
				throw new GraphAccessException(FailureKind.INVALID_INPUT,
						"no usable keyring to encrypt the sign-in token cache (" + describe(keyringUnusable)
								+ "); either sign in where a Secret Service keyring runs, or allow an unencrypted cache "
								+ "readable only by you in " + directory
								+ " with writeback.sign-in.allow-unencrypted-cache"
								+ "=true (WRITEBACK_SIGNIN_ALLOWUNENCRYPTEDCACHE=true)");
			}
			return new TokenCache(file,
					new PersistenceTokenCacheAccessAspect(PersistenceSettings.builder(CACHE_FILE, directory)
						.setLinuxUseUnprotectedFileAsCacheStorage(true)
						.build()),
					"unencrypted file readable only by you (no keyring; allowed by writeback.sign-in.allow-unencrypted-cache)");
		}
	}

	private static String describe(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	Path file() {
		return file;
	}

	/** Where the tokens are kept, in words for the log. */
	String protection() {
		return protection;
	}

	/**
	 * Reads the cache for MSAL. A cache that cannot be read as MSAL's JSON (cut short by
	 * a full disk, edited by hand) is refused naming the file and the reset, as exit 2:
	 * it is no network failure, and retrying reads the same bytes. It is not set aside
	 * silently: it holds refresh tokens, which the operator should delete, not find a
	 * forgotten copy of later.
	 */
	@Override
	public void beforeCacheAccess(ITokenCacheAccessContext context) {
		try {
			store.beforeCacheAccess(context);
		}
		catch (RuntimeException unreadable) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT, "the sign-in token cache " + file
					+ " is damaged and cannot be read (" + describe(unreadable) + "); delete it (rm " + file
					+ ", and on a desktop also the keyring or keychain item: see docs/guide/sign-in.md) and sign in again",
					unreadable);
		}
	}

	@Override
	public void afterCacheAccess(ITokenCacheAccessContext context) {
		store.afterCacheAccess(context);
		if (context.hasCacheChanged()) {
			// the extension replaces the file with one created under the umask; the
			// directory (0700) already keeps
			// others out in between
			OwnerOnlyFiles.restrict(file);
		}
	}

}
