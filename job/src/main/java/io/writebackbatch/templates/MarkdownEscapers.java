package io.writebackbatch.templates;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;

/**
 * How text from outside (group and definition names, chosen by people the reader does not
 * know) is put into Markdown, for every Markdown file the job writes.
 */
public final class MarkdownEscapers {

	/**
	 * Markdown table cells of a page also read as plain text (the run summary is printed
	 * on the terminal): a pipe or line break would end the cell, {@code <} start HTML, a
	 * backtick or star start code or emphasis. Backslashes and underscores are left alone
	 * so Windows paths and file names read as typed (GFM does not emphasise inside
	 * words).
	 */
	public static final Mustache.Escaper TABLE_CELL = Escapers.simple(new String[][] { { "|", "\\|" }, { "`", "\\`" },
			{ "*", "\\*" }, { "<", "\\<" }, { "\r\n", " " }, { "\n", " " }, { "\r", " " } });

	/**
	 * Text anywhere in a page that is read rendered (a heading, a paragraph, a cell):
	 * every character Markdown could read as syntax is escaped, and control and line
	 * separator characters become spaces, so the text can only ever be text.
	 */
	public static final Mustache.Escaper TEXT = MarkdownEscapers::text;

	private static final String SYNTAX = "\\`*_{}[]()<>#+-.!|~&\"'";

	private MarkdownEscapers() {
	}

	private static String text(String raw) {
		StringBuilder out = new StringBuilder(raw.length() + 8);
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				out.append(' ');
				continue;
			}
			if (SYNTAX.indexOf(c) >= 0) {
				out.append('\\');
			}
			out.append(c);
		}
		return out.toString();
	}

}
