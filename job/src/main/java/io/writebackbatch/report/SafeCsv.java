package io.writebackbatch.report;

import java.io.IOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The one CSV dialect of everything the job writes for people (groups.csv, the
 * on-premises kit): RFC 4180 (CRLF records, quotes only where needed, Commons CSV) with a
 * spreadsheet-formula guard.
 */
public final class SafeCsv {

	/**
	 * First characters that make Excel, LibreOffice or Google Sheets read a cell as a
	 * formula (or, for TAB and CR, strip them and read what follows as one). Group names
	 * are chosen by end users, so a cell starting with one of these gets a leading
	 * apostrophe, which spreadsheets show as text (OWASP "CSV Injection").
	 */
	private static final String FORMULA_STARTS = "=+-@\t\r";

	private static final CSVFormat FORMAT = CSVFormat.RFC4180;

	private SafeCsv() {
	}

	/** A printer that writes {@code header} first; closing it closes {@code out}. */
	public static CSVPrinter printer(Writer out, String... header) throws IOException {
		return FORMAT.builder().setHeader(header).get().print(out);
	}

	/** Prints one record, each value guarded; null prints as an empty cell. */
	public static void printRecord(CSVPrinter printer, @Nullable Object... values) throws IOException {
		for (Object value : values) {
			printer.print(value == null ? null : guard(value.toString()));
		}
		printer.println();
	}

	/**
	 * {@code text} as a spreadsheet shows it as text: prefixed with an apostrophe when it
	 * could start a formula.
	 */
	public static String guard(String text) {
		return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

}
