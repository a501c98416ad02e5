package io.writebackbatch.report;

import java.util.List;

/**
 * What report.html and summary.md show, typed: the templates only place these values. A
 * new part of the report is a {@link Section} added to {@code sections} (facts in a
 * table), or a new record here with its block in the templates. Lists of zero or one
 * element stand for parts a run may not have (Mustache draws a block once per element).
 *
 * @param headline one sentence: what the run was and how it ended
 * @param counts the summary's counts, each with its summary.json field name
 * @param changedRows how many groups the table lists (changed, failed or in conflict)
 */
record ReportView(RunReport summary, String title, String headline, List<Fact> facts, List<Count> counts,
		List<Count> skipped, List<BarChart> charts, List<TimelineChart> timeline, List<Rollback> rollback,
		List<Section> sections, long changedRows, String changedRowsText) {

	record Fact(String name, String value) {
	}

	/**
	 * @param field the summary.json field this count is (the browser test compares them)
	 */
	record Count(String field, String label, String value) {
	}

	record Section(String id, String title, List<Fact> facts) {
	}

	/**
	 * @param undoes the run this rollback undoes
	 * @param undoneReport that run's report.html, relative to this one
	 */
	record Rollback(long undoes, String undoneReport, String restores, String conflicts) {
	}
}
