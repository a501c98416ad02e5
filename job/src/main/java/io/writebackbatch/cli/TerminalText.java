package io.writebackbatch.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

import io.writebackbatch.templates.ControlCharacters;

/**
 * Everything a command prints for the operator in plain mode passes here: a control
 * character from a name (ESC starting a terminal escape sequence, CR overwriting the
 * line) becomes U+FFFD ({@link ControlCharacters}). The line ends the program writes
 * itself (LF, and CR LF where that is the line separator) and tabs pass.
 */
final class TerminalText extends FilterWriter {

	private static final boolean CRLF = System.lineSeparator().equals("\r\n");

	/** A CR written last, kept until the next character says whether it ends a line. */
	private boolean pendingCr;

	private TerminalText(Writer out) {
		super(out);
	}

	static PrintWriter printWriter(PrintWriter out) {
		return new PrintWriter(new TerminalText(out), true);
	}

	@Override
	public void write(int c) throws IOException {
		char ch = (char) c;
		if (pendingCr) {
			pendingCr = false;
			out.write(ch == '\n' ? '\r' : ControlCharacters.REPLACEMENT);
		}
		if (CRLF && ch == '\r') {
			pendingCr = true;
		}
		else {
			out.write(
					ch == '\n' || ch == '\t' || !ControlCharacters.isControl(ch) ? ch : ControlCharacters.REPLACEMENT);
		}
	}

	@Override
	public void write(char[] chars, int offset, int length) throws IOException {
		for (int i = offset; i < offset + length; i++) {
			write(chars[i]);
		}
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		for (int i = offset; i < offset + length; i++) {
			write(text.charAt(i));
		}
	}

}
