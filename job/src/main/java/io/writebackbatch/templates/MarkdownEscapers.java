package io.writebackbatch.templates;

import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;

/**
 * How text from outside (group and definition names, chosen by people the reader does not
 * know) is put into Markdown, for every Markdown file the job writes. In both escapers a
 * line break (CR LF, LF or CR) becomes a space, where Markdown would read it as layout,
 * and every other control character becomes U+FFFD ({@link ControlCharacters}).
 */
public final class MarkdownEscapers {

	/**
	 * Markdown table cells of a page also read as plain text (the run summary is printed
	 * on the terminal): a pipe or line break would end the cell, {@code <} start HTML, a
	 * backtick or star start code or emphasis, a bracket a link or an image. Backslashes
	 * and underscores are left alone so Windows paths and file names read as typed (GFM
	 * does not emphasise inside words).
	 */
	public static final Mustache.Escaper TABLE_CELL = raw -> escape(raw, "|`*<[]");

	/**
	 * Text anywhere in a page that is read rendered (a heading, a paragraph, a cell):
	 * every character Markdown could read as syntax is escaped, so the text can only ever
	 * be text.
	 */
	public static final Mustache.Escaper TEXT = raw -> escape(raw, "\\`*_{}[]()<>#+-.!|~&\"'");

	private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n]");

	private MarkdownEscapers() {
	}

	private static String escape(String raw, String syntax) {
		String text = ControlCharacters.visible(LINE_BREAK.matcher(raw).replaceAll(" "));
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (syntax.indexOf(c) >= 0) {
				out.append('\\');
			}
			out.append(c);
		}
		return out.toString();
	}

}
