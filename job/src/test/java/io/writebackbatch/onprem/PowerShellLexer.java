package io.writebackbatch.onprem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Just enough of PowerShell's tokenizer to check generated scripts: comments ({@code #}
 * and {@code <# #>}), verbatim strings (any of the five single-quote characters
 * PowerShell accepts, doubled to escape), expandable strings (backtick escapes, doubled
 * quotes), backtick line continuations, and bracket nesting. It is stricter than
 * PowerShell where the generator should never need a construct: here-strings and
 * sub-expressions inside expandable strings are rejected.
 */
final class PowerShellLexer {

	enum Kind {

		CODE, COMMENT, VERBATIM_STRING, EXPANDABLE_STRING

	}

	/**
	 * {@code value} is the string's content with escapes undone (verbatim strings), else
	 * the raw text.
	 */
	record Token(Kind kind, int start, int end, String value) {
	}

	static final class SyntaxError extends AssertionError {

		SyntaxError(String message, String source, int at) {
			super(message + " at line " + lineOf(source, at) + ": " + lineText(source, at));
		}

	}

	private PowerShellLexer() {
	}

	static boolean isSingleQuote(char c) {
		return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
	}

	static boolean isDoubleQuote(char c) {
		return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
	}

	static List<Token> lex(String s) {
		List<Token> tokens = new ArrayList<>();
		Deque<int[]> open = new ArrayDeque<>(); // {char, offset}
		int i = 0;
		int codeStart = 0;
		int n = s.length();
		while (i < n) {
			char c = s.charAt(i);
			int start = i;
			Kind kind = null;
			String value = null;
			if (c == '<' && i + 1 < n && s.charAt(i + 1) == '#') {
				int close = s.indexOf("#>", i + 2);
				if (close < 0) {
					throw new SyntaxError("unterminated block comment", s, i);
				}
				i = close + 2;
				kind = Kind.COMMENT;
			}
			else if (c == '#') {
				while (i < n && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
					i++;
				}
				kind = Kind.COMMENT;
			}
			else if (c == '@' && i + 1 < n && (isSingleQuote(s.charAt(i + 1)) || isDoubleQuote(s.charAt(i + 1)))) {
				throw new SyntaxError("here-string not expected in generated scripts", s, i);
			}
			else if (isSingleQuote(c)) {
				StringBuilder v = new StringBuilder();
				i++;
				while (true) {
					if (i >= n) {
						throw new SyntaxError("unterminated single-quoted string", s, start);
					}
					char d = s.charAt(i);
					if (isSingleQuote(d)) {
						if (i + 1 < n && isSingleQuote(s.charAt(i + 1))) {
							v.append(d);
							i += 2;
							continue;
						}
						i++;
						break;
					}
					v.append(d);
					i++;
				}
				kind = Kind.VERBATIM_STRING;
				value = v.toString();
			}
			else if (isDoubleQuote(c)) {
				i++;
				while (true) {
					if (i >= n) {
						throw new SyntaxError("unterminated double-quoted string", s, start);
					}
					char d = s.charAt(i);
					if (d == '`') {
						i += 2;
					}
					else if (d == '$' && i + 1 < n && s.charAt(i + 1) == '(') {
						throw new SyntaxError("sub-expression in an expandable string", s, i);
					}
					else if (isDoubleQuote(d)) {
						if (i + 1 < n && isDoubleQuote(s.charAt(i + 1))) {
							i += 2;
							continue;
						}
						i++;
						break;
					}
					else {
						i++;
					}
				}
				kind = Kind.EXPANDABLE_STRING;
			}
			else {
				if (c == '`') {
					i += 2;
					continue;
				}
				if (c == '(' || c == '[' || c == '{') {
					open.push(new int[] { c, i });
				}
				else if (c == ')' || c == ']' || c == '}') {
					if (open.isEmpty()) {
						throw new SyntaxError("unmatched '" + c + "'", s, i);
					}
					int[] top = open.pop();
					char expected = top[0] == '(' ? ')' : top[0] == '[' ? ']' : '}';
					if (c != expected) {
						throw new SyntaxError("'" + (char) top[0] + "' closed by '" + c + "'", s, i);
					}
				}
				i++;
				continue;
			}
			if (codeStart < start) {
				tokens.add(new Token(Kind.CODE, codeStart, start, s.substring(codeStart, start)));
			}
			tokens.add(new Token(kind, start, i, value != null ? value : s.substring(start, i)));
			codeStart = i;
		}
		if (codeStart < n) {
			tokens.add(new Token(Kind.CODE, codeStart, n, s.substring(codeStart, n)));
		}
		if (!open.isEmpty()) {
			throw new SyntaxError("unclosed '" + (char) open.peek()[0] + "'", s, open.peek()[1]);
		}
		return tokens;
	}

	/** Offset of the first character that is neither whitespace nor part of a comment. */
	static int firstSignificant(String s, List<Token> tokens) {
		for (Token t : tokens) {
			if (t.kind() == Kind.COMMENT) {
				continue;
			}
			for (int i = t.start(); i < t.end(); i++) {
				if (!Character.isWhitespace(s.charAt(i))) {
					return i;
				}
			}
		}
		return s.length();
	}

	static int lineOf(String s, int at) {
		int line = 1;
		for (int i = 0; i < at && i < s.length(); i++) {
			if (s.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	static String lineText(String s, int at) {
		int from = s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
		int to = s.indexOf('\n', at);
		return s.substring(from, to < 0 ? s.length() : to).strip();
	}

}
