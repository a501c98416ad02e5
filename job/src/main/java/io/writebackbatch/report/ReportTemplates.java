package io.writebackbatch.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.writebackbatch.templates.MarkdownEscapers;
import io.writebackbatch.templates.Templates;

/**
 * The report's Mustache templates (classpath {@code io/writebackbatch/report/}), compiled
 * once: HTML escaped by default, Markdown with the table-cell escaping of
 * {@link MarkdownEscapers}.
 */
final class ReportTemplates {

	static final Template HTML = Templates.compile(ReportTemplates.class, "report.html.mustache", Mustache.compiler());

	static final Template MARKDOWN_SUMMARY = Templates.compile(ReportTemplates.class, "summary.md.mustache",
			Mustache.compiler().withEscaper(MarkdownEscapers.TABLE_CELL));

	private ReportTemplates() {
	}

}
