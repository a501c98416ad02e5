package io.writebackbatch.onprem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;

import io.writebackbatch.report.SafeCsv;

/**
 * The kit's {@code disabled-groups.csv}, in the job's one CSV dialect ({@link SafeCsv}:
 * RFC 4180, formula guard).
 */
final class Csv {

	private Csv() {
	}

	static String disabledGroups(List<DisabledGroup> groups) {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = SafeCsv.printer(out, "id", "displayName", "previousOnPremisesGroupType")) {
			for (DisabledGroup group : groups) {
				SafeCsv.printRecord(printer, group.id(), group.displayName(), group.previousOnPremisesGroupType());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot happen: a StringWriter does not fail", e);
		}
		return out.toString();
	}

}
