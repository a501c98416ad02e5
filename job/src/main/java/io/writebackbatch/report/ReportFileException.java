package io.writebackbatch.report;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.Failures;
import io.writebackbatch.failure.WritebackFailure;

/**
 * A report file (of a run, or the fleet page) that cannot be written: its path, the
 * disk's words and the setting to check. A person must free the disk or fix the folder
 * (exit 2), then resume the run or write the report again. Without it, a full disk
 * ({@code IOException: No space left on device}, not a {@link FileSystemException}) was
 * reported as "the network failed", and a run's failure named no file at all.
 */
public class ReportFileException extends WritebackFailure {

	public ReportFileException(Path file, IOException cause) {
		super(FailureKind.INVALID_INPUT, "cannot write " + file + ": " + reason(file, cause)
				+ "; check that writeback.report.directory (WRITEBACK_REPORT_DIRECTORY) is a writable folder on a disk "
				+ "with free space", cause);
	}

	private static String reason(Path file, IOException cause) {
		// a FileSystemException's message may be its path alone (a file in the way of the
		// folder): say what is wrong with which path, once when it is the file itself
		if (cause instanceof FileSystemException problem) {
			String words = Failures.fileProblem(problem);
			String itself = file + ": ";
			return words.startsWith(itself) ? words.substring(itself.length()) : words;
		}
		return String.valueOf(cause.getMessage());
	}

}
