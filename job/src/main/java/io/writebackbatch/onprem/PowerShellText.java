package io.writebackbatch.onprem;

import com.samskivert.mustache.Mustache;

/**
 * Turns arbitrary text into PowerShell source that evaluates to exactly that text.
 *
 * <p>
 * Values always become verbatim (single-quoted) strings, so nothing in them is ever
 * expanded or run. PowerShell treats the typographic quotes U+2018, U+2019, U+201A and
 * U+201B like {@code '}, so each of them is doubled as well. Control characters (a line
 * break in a display name, say) cannot be kept inside a literal without breaking the CRLF
 * layout of the file, so they are spliced in as {@code [char]0x..} and the result is a
 * parenthesised concatenation, still a single expression.
 */
final class PowerShellText {

	/**
	 * The kit's scripts' escaper, as a Mustache formatter (it sees each value before it
	 * becomes text): a number goes in as its digits, anything else as {@link #quote}.
	 */
	static final Mustache.Formatter FORMATTER = value -> (value instanceof Number number) ? number.toString()
			: quote(String.valueOf(value));

	private PowerShellText() {
	}

	static boolean isSingleQuote(char c) {
		return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
	}

	/** A PowerShell expression whose value is {@code value}. */
	static String quote(String value) {
		StringBuilder out = new StringBuilder(value.length() + 8);
		boolean concatenated = false;
		boolean inLiteral = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
				if (inLiteral) {
					out.append('\'');
					inLiteral = false;
				}
				if (out.length() > 0) {
					out.append(" + ");
				}
				out.append(String.format("[char]0x%04X", (int) c));
				concatenated = true;
				continue;
			}
			if (!inLiteral) {
				if (out.length() > 0) {
					out.append(" + ");
				}
				out.append('\'');
				inLiteral = true;
			}
			out.append(c);
			if (isSingleQuote(c)) {
				out.append(c);
			}
		}
		if (inLiteral) {
			out.append('\'');
		}
		if (out.length() == 0) {
			return "''";
		}
		// [char] + [char] would add numbers: start with a string so every + concatenates.
		return concatenated ? "('' + " + out + ")" : out.toString();
	}

}
