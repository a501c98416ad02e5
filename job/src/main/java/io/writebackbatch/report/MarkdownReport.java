package io.writebackbatch.report;

/**
 * summary.md, also printed when a run ends: plain Markdown for a terminal and a ticket,
 * from summary.md.mustache.
 */
final class MarkdownReport {

	private MarkdownReport() {
	}

	static String render(ReportView view) {
		return ReportTemplates.MARKDOWN_SUMMARY.execute(view);
	}

}
