package io.writebackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MarkdownReportTests {

	static final String HOSTILE = "a|b <img src=x> `c` *d*\r\nnext & more";

	@Test
	void cellsAreEscapedSoTheTableHoldsAndNothingBecomesMarkupOrAnEntity() {
		RunReport summary = new RunReport(RunReport.SCHEMA_VERSION, 7, HOSTILE, "/jobs/x.yaml", "plan", "COMPLETED",
				"COMPLETED", Instant.EPOCH, Instant.EPOCH, Duration.ZERO, RunReport.RanBy.UNKNOWN, null, null, 1, 1, 0,
				Map.of(), 0, 0, 0, 1, "unchanged (not requested)", new RunReport.MemberAudit(0, 0, 0),
				new ChangeControlReport(null, null, null, null, 0, 0, List.of(), null), null);
		ReportView view = new ReportView(summary, "writeback-batch run 7", "Run 7 of “" + HOSTILE + "”.",
				List.of(new ReportView.Fact("Definition", HOSTILE)),
				List.of(new ReportView.Count("groups", "Unified groups read", "1")), List.of(), List.of(), List.of(),
				List.of(), List.of(), 1, "1");

		String md = MarkdownReport.render(view);

		String escaped = "a\\|b \\<img src=x> \\`c\\` \\*d\\* next & more";
		assertThat(md).contains("| Definition | " + escaped + " |\n").contains("| Unified groups read | 1 |\n");
		assertThat(md).doesNotContain("&amp;").doesNotContain("&lt;").doesNotContain("&#");
		assertThat(md.lines().filter(l -> l.startsWith("| Definition"))).singleElement()
			.satisfies(line -> assertThat(line.replace("\\|", "").chars().filter(c -> c == '|')).hasSize(3));
	}

}
