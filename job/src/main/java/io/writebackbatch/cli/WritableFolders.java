package io.writebackbatch.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.WritebackFailure;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * Checks, before the job repository opens and before any group is touched, that the
 * folders a run writes to can be written: the report folder, and the job repository's
 * folder when it is an H2 file. Otherwise an unusable {@code reports/} would be found
 * only when the run's report is written, after the tenant changed.
 */
final class WritableFolders {

	/**
	 * A folder a run must write to cannot be written; the message names it and the
	 * setting.
	 */
	static final class UnusableFolderException extends WritebackFailure {

		UnusableFolderException(String message) {
			super(FailureKind.INVALID_INPUT, message);
		}

	}

	private WritableFolders() {
	}

	static void check(Environment environment) {
		check(Path.of(environment.getProperty("writeback.report.directory", "reports")), "report folder",
				"writeback.report.directory (WRITEBACK_REPORT_DIRECTORY)");
		Path database = h2Folder(environment.getProperty("spring.datasource.url", ""));
		if (database != null) {
			check(database, "job repository folder", "spring.datasource.url (SPRING_DATASOURCE_URL)");
		}
	}

	/**
	 * The folder of an H2 file database URL ({@code jdbc:h2:[file:]path[;options]}), else
	 * null.
	 */
	static @Nullable Path h2Folder(String url) {
		if (!url.startsWith("jdbc:h2:")) {
			return null;
		}
		String location = url.substring("jdbc:h2:".length()).split(";", 2)[0];
		if (location.matches("(?i)(mem|tcp|ssl|zip|split):.*")) {
			return null;
		}
		location = location.replaceFirst("(?i)^(file|nio|async|nioMapped|retry):", "")
			.replaceFirst("^~", System.getProperty("user.home").replace("\\", "\\\\"));
		Path parent = Path.of(location).toAbsolutePath().normalize().getParent();
		return parent;
	}

	private static void check(Path folder, String what, String setting) {
		Path absolute = folder.toAbsolutePath().normalize();
		try {
			Files.createDirectories(absolute);
			Files.delete(Files.createTempFile(absolute, ".writeback-check-", ".tmp"));
		}
		catch (IOException | SecurityException e) {
			throw new UnusableFolderException("the " + what + " " + absolute + " cannot be written (" + describe(e)
					+ "); nothing was changed. Make it a writable folder, or point " + setting + " at one");
		}
	}

	private static String describe(Exception e) {
		if (e instanceof FileAlreadyExistsException) {
			return "a file of that name is in the way";
		}
		if (e instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof FileSystemException f && f.getReason() != null) {
			return f.getReason().toLowerCase(Locale.ROOT);
		}
		return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
	}

}
