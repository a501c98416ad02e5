package io.writebackbatch.simulator;

import java.util.Locale;

/**
 * Display names of generated groups, derived from a number so a million of them cost no
 * strings.
 */
final class GroupNames {

	private static final String[] PREFIXES = { "Team", "Project", "Finance", "Sales", "Engineering", "Marketing", "HR",
			"Operations", "Legal", "Support", "Research", "Community" };

	private static final String[] WORDS = { "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
			"India", "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra",
			"Tango", "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu" };

	private GroupNames() {
	}

	/** The name of the {@code n}-th generated group of that kind. */
	static String displayName(byte kind, int n) {
		String number = String.format(Locale.ROOT, "%04d", n + 1);
		String prefix = PREFIXES[n % PREFIXES.length];
		String word = WORDS[(n / PREFIXES.length) % WORDS.length];
		return switch (kind) {
			case GroupColumns.UNIFIED -> prefix + " " + word + " " + number;
			case GroupColumns.SECURITY -> "SG " + prefix + " Access " + number;
			default -> "DL " + prefix + " " + word + " " + number;
		};
	}

	/**
	 * The mail nickname: the name in lower case, runs of other characters as one dash.
	 */
	static String mailNickname(String displayName) {
		String name = displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		return name.replaceAll("^-+|-+$", "");
	}

}
