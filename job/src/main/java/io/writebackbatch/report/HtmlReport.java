package io.writebackbatch.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import io.writebackbatch.staging.StagingRepository;
import io.writebackbatch.templates.Templates;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * report.html: one self-contained file (styles, script, charts and rows inside; nothing
 * fetched at view time) from the {@code report.html.mustache} template. The rows are
 * streamed from staging into the page, never held whole.
 */
@Component
class HtmlReport {

	private final ReportRows rows;

	HtmlReport(StagingRepository staging) {
		this.rows = new ReportRows(staging);
	}

	void write(ReportView view, Writer out) throws IOException {
		Page page = new Page(view, rows, view.summary().runId(), view.summary().appliesChanges());
		Templates.write(ReportTemplates.HTML, page, out);
		out.flush();
	}

	/**
	 * What the template sees: the view and two lambdas that stream the table's data (rows
	 * first, then dictionary).
	 */
	private static final class Page {

		final ReportView view;

		final Mustache.Lambda rowsJson;

		final Mustache.Lambda dictionaryJson;

		private ReportRows.@Nullable Dictionary dictionary;

		Page(ReportView view, ReportRows rows, long runId, boolean applied) {
			this.view = view;
			this.rowsJson = (Template.Fragment fragment,
					Writer out) -> dictionary = rows.writeRows(runId, applied, out);
			this.dictionaryJson = (Template.Fragment fragment, Writer out) -> rows.writeDictionary(
					Objects.requireNonNull(dictionary, "the template writes the rows before their dictionary"), out);
		}

	}

}
