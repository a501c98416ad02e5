package io.writebackbatch.report;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The report's Mustache templates (classpath {@code io/writebackbatch/report/}), compiled
 * once: HTML escaped by default, Markdown with its own escaping of table cells.
 */
final class Templates {

	/**
	 * Markdown table cells: a pipe or line break would end the cell, {@code <} start
	 * HTML, a backtick or star start code or emphasis. Backslashes and underscores are
	 * left alone so Windows paths and file names read as typed (GFM does not emphasise
	 * inside words).
	 */
	private static final Mustache.Escaper MARKDOWN = Escapers.simple(new String[][] { { "|", "\\|" }, { "`", "\\`" },
			{ "*", "\\*" }, { "<", "\\<" }, { "\r\n", " " }, { "\n", " " }, { "\r", " " } });

	static final Template HTML = compile(Mustache.compiler(), "report.html.mustache");

	static final Template MARKDOWN_SUMMARY = compile(Mustache.compiler().withEscaper(MARKDOWN), "summary.md.mustache");

	private Templates() {
	}

	private static Template compile(Mustache.Compiler compiler, String name) {
		try (Reader template = open(name)) {
			return compiler.withLoader(Templates::open).compile(template);
		}
		catch (IOException e) {
			throw new UncheckedIOException("report template " + name + " is missing from the jar", e);
		}
	}

	private static Reader open(String name) {
		var in = Templates.class.getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("report template " + name + " is missing from the jar");
		}
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}

}
