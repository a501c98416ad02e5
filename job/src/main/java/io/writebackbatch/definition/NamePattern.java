package io.writebackbatch.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A display-name regular expression; matches anywhere in the name unless anchored. RE2
 * syntax (RE2/J): matching takes time linear in the name's length whatever the pattern,
 * because group names are chosen by end users and a backtracking engine can spend minutes
 * on one name. Backreferences and lookaround are not supported and refused.
 */
public record NamePattern(Pattern pattern) {

	/**
	 * Four times the longest display name Entra accepts (256 characters). RE2/J's parser
	 * joins literal characters in time quadratic in their number: a 200,000-character
	 * pattern kept {@code plan} busy for minutes before it read a single group.
	 */
	static final int MAX_LENGTH = 1024;

	@JsonCreator
	public static NamePattern of(String regex) {
		if (regex == null) {
			throw new IllegalArgumentException("an empty (null) display-name pattern; remove it or write the pattern");
		}
		if (regex.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("the pattern is " + regex.length() + " characters long, more than "
					+ MAX_LENGTH + " (display names have at most 256): '" + IdListFile.visible(regex)
					+ "'; shorten it, " + "or list the groups in an id file");
		}
		try {
			return new NamePattern(Pattern.compile(regex));
		}
		catch (PatternSyntaxException e) {
			throw new IllegalArgumentException("invalid regular expression '" + regex + "': " + e.getDescription()
					+ " (patterns use RE2 syntax: no backreferences or lookaround)");
		}
		catch (StackOverflowError e) {
			// RE2/J compiles recursively: thousands of nested groups exhaust the stack
			throw new IllegalArgumentException("the regular expression is nested too deeply to compile ("
					+ regex.length() + " characters); simplify it, or list the names in an id file");
		}
	}

	public boolean matches(String displayName) {
		return displayName != null && pattern.matcher(displayName).find();
	}

	@JsonValue
	@Override
	public String toString() {
		return pattern.pattern();
	}
}
