package io.writebackbatch.definition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An id list file ({@code idsFile}, {@code excludeIdsFile}): one group object id per
 * line, '#' starts a comment.
 */
final class IdListFile {

	static final Pattern GROUP_ID = Pattern
		.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

	/**
	 * Far beyond any tenant's group count; guards memory against a wrong file being
	 * passed as an id list.
	 */
	static final int MAX_IDS = 2_000_000;

	/** {@link #MAX_IDS} lines of a GUID with CRLF, and room for comments. */
	static final long MAX_BYTES = 100_000_000L;

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private IdListFile() {
	}

	/**
	 * The ids of the file named {@code name}, relative to the folder of the definition as
	 * named (for a symlinked definition the link's folder, see
	 * {@link JobDefinitionLoader#load}); its bytes go into {@code digest}.
	 */
	static Set<String> read(Path definition, String field, String name, MessageDigest digest) {
		Path file = definition.resolveSibling(name).normalize();
		String what = "id list named in " + definition + " field '" + field + "'";
		String fix = "the path is relative to the folder of the definition as named (a symlink's own folder)";
		Set<String> ids = new LinkedHashSet<>();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(
				new DigestInputStream(BoundedFile.open(file, what, fix, MAX_BYTES), digest), StandardCharsets.UTF_8))) {
			long chars = 0;
			int number = 0;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				number++;
				chars += line.length() + 1;
				if (chars > MAX_BYTES) { // it grew after the check
					throw BoundedFile.tooLarge(file, what, fix, MAX_BYTES);
				}
				String id = (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1)
						: line)
					.strip();
				if (id.isEmpty() || id.startsWith("#")) {
					continue;
				}
				if (!GROUP_ID.matcher(id).matches()) {
					throw new InvalidDefinitionException(file + ":" + number + ": '" + visible(id)
							+ "' is not a group object id (one GUID per line; '#' starts a comment)");
				}
				ids.add(id.toLowerCase(Locale.ROOT));
				if (ids.size() > MAX_IDS) {
					throw new InvalidDefinitionException(
							file + ": more than " + MAX_IDS + " ids; is this the right file?");
				}
			}
		}
		catch (IOException e) {
			throw new InvalidDefinitionException(
					"cannot read " + what + " " + file + ": " + e.getMessage() + "; " + fix);
		}
		return ids;
	}

	/**
	 * The text as a message can show it: control, formatting and unusual space characters
	 * (a BOM, a zero-width space, a no-break space) as {@code \\uXXXX}, since they are
	 * invisible; cut after 80 characters.
	 */
	static String visible(String text) {
		StringBuilder shown = new StringBuilder();
		text.codePoints()
			.limit(80)
			.forEach(c -> shown.append(invisible(c) ? String.format("\\u%04X", c) : Character.toString(c)));
		return text.codePointCount(0, text.length()) > 80 ? shown + "..." : shown.toString();
	}

	private static boolean invisible(int c) {
		int type = Character.getType(c);
		return c != ' ' && (type == Character.CONTROL || type == Character.FORMAT || type == Character.SPACE_SEPARATOR
				|| type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| type == Character.UNASSIGNED || type == Character.PRIVATE_USE);
	}

}
