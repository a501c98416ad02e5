package io.writebackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;

import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SafeCsvTests {

	@ParameterizedTest
	@ValueSource(strings = { "=1+2", "+1", "-1", "@SUM(A1)", "\t=1+2", "\r=1+2", "=HYPERLINK(\"http://x\")" })
	void aCellThatCouldStartAFormulaIsShownAsText(String cell) {
		assertThat(SafeCsv.guard(cell)).isEqualTo("'" + cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Finance", " =1", "a=b", "'quoted", "1-2" })
	void otherCellsAreKeptAsTheyAre(String cell) {
		assertThat(SafeCsv.guard(cell)).isEqualTo(cell);
	}

	@Test
	void recordsAreRfc4180WithTheGuardAndEmptyNulls() throws IOException {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = SafeCsv.printer(out, "a", "b", "c")) {
			SafeCsv.printRecord(printer, "x, \"y\"", null, "\r=cmd");
			SafeCsv.printRecord(printer, 42, "line\nbreak", "-");
		}

		assertThat(out.toString()).isEqualTo("a,b,c\r\n\"x, \"\"y\"\"\",,\"'\r=cmd\"\r\n42,\"line\nbreak\",'-\r\n");
	}

}
