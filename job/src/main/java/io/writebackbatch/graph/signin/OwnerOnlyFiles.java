package io.writebackbatch.graph.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: the token cache directory (0700) and what is in it
 * (0600). On a file system without POSIX permissions (Windows) the user profile's ACLs
 * already keep other users out, so nothing is changed there.
 */
final class OwnerOnlyFiles {

	static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private OwnerOnlyFiles() {
	}

	/**
	 * Creates the directory (and its parents) or tightens an existing one, so nothing in
	 * it is visible to others.
	 */
	static Path directory(Path directory) throws IOException {
		Files.createDirectories(directory);
		if (POSIX) {
			Files.setPosixFilePermissions(directory, DIRECTORY);
		}
		return directory;
	}

	/**
	 * Tightens a file that a library created with the process's umask
	 * (msal4j-persistence-extension does).
	 */
	static void restrict(Path file) {
		if (POSIX && Files.exists(file)) {
			try {
				Files.setPosixFilePermissions(file, FILE);
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot make " + file + " owner-only", e);
			}
		}
	}

	/**
	 * Writes through a temporary file (created 0600 by {@link Files#createTempFile})
	 * moved into place atomically.
	 */
	static void write(Path file, byte[] content) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		try {
			Files.write(temporary, content);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
