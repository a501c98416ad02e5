package io.writebackbatch.domain;

/**
 * Text from a file or setting, made safe to quote in a message: control characters shown
 * as '?', at most 60 characters.
 */
public final class Printable {

	private Printable() {
	}

	public static String of(String text) {
		String cut = text.length() > 60 ? text.substring(0, 59) + "…" : text;
		return cut.codePoints()
			.map(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
