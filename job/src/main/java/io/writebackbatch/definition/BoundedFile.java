package io.writebackbatch.definition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens an input file only when it is a regular file within a size limit: a device
 * ({@code /dev/zero}) never ends, a FIFO blocks the open until someone writes, and a
 * wrong multi-gigabyte file exhausts the heap. Each is refused with a message before a
 * byte is read.
 */
final class BoundedFile {

	private BoundedFile() {
	}

	/**
	 * The file's bytes; {@code what} names it in messages (e.g. "job definition"),
	 * {@code fix} says what to do.
	 */
	static byte[] read(Path file, String what, String fix, long maxBytes) {
		try (InputStream in = open(file, what, fix, maxBytes)) {
			byte[] bytes = in.readNBytes((int) maxBytes + 1);
			if (bytes.length > maxBytes) { // it grew after the check
				throw tooLarge(file, what, fix, maxBytes);
			}
			return bytes;
		}
		catch (IOException e) {
			throw unreadable(file, what, fix, e);
		}
	}

	/**
	 * A stream of the checked file; the caller must still stop reading past
	 * {@code maxBytes} (the file may grow).
	 */
	static InputStream open(Path file, String what, String fix, long maxBytes) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				throw new InvalidDefinitionException(what + " " + file + " is not a regular file ("
						+ (attributes.isDirectory() ? "a directory" : "a device, pipe or socket") + "); " + fix);
			}
			if (attributes.size() > maxBytes) {
				throw tooLarge(file, what, fix, maxBytes);
			}
			return Files.newInputStream(file);
		}
		catch (NoSuchFileException e) {
			throw new InvalidDefinitionException("no such " + what + ": " + file + "; " + fix);
		}
		catch (IOException e) {
			throw unreadable(file, what, fix, e);
		}
	}

	static InvalidDefinitionException tooLarge(Path file, String what, String fix, long maxBytes) {
		return new InvalidDefinitionException(
				what + " " + file + " is larger than " + maxBytes / 1_000_000 + " MB; is this the right file? " + fix);
	}

	private static InvalidDefinitionException unreadable(Path file, String what, String fix, IOException e) {
		return new InvalidDefinitionException("cannot read " + what + " " + file + ": " + e.getMessage() + "; " + fix);
	}

}
