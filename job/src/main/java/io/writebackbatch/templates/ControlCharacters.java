package io.writebackbatch.templates;

/**
 * The one rule for control characters in text from outside (group and definition names):
 * each becomes U+FFFD (�), visible where it was and unable to move a terminal's cursor,
 * clear a line or end a log line. Control characters are Unicode's {@code Cc} (C0, DEL,
 * C1: ESC, CR, LF...) and the line and paragraph separators U+2028/U+2029. The plain
 * console log applies the same rule in its pattern ({@code logging.pattern.console} in
 * application.yaml); structured (JSON) logs keep the raw value, JSON-escaped.
 */
public final class ControlCharacters {

	/** What every control character becomes. */
	public static final char REPLACEMENT = '\uFFFD';

	private ControlCharacters() {
	}

	public static boolean isControl(char c) {
		return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
	}

	/** {@code text} with every control character replaced by {@link #REPLACEMENT}. */
	public static String visible(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append(isControl(c) ? REPLACEMENT : c);
		}
		return out.toString();
	}

}
