package io.writebackbatch.definition;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A display-name regular expression; matches anywhere in the name unless anchored. */
public record NamePattern(Pattern pattern) {

	@JsonCreator
	public static NamePattern of(String regex) {
		try {
			return new NamePattern(Pattern.compile(regex));
		}
		catch (PatternSyntaxException e) {
			throw new IllegalArgumentException("invalid regular expression '" + regex + "': "
					+ e.getDescription() + " near index " + e.getIndex());
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
