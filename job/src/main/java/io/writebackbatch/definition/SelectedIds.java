package io.writebackbatch.definition;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The group ids a definition selects or excludes, given inline or in an id list file,
 * checked before use.
 */
final class SelectedIds {

	private SelectedIds() {
	}

	static List<String> inline(Path file, String field, List<String> ids) {
		if (ids.size() > IdListFile.MAX_IDS) {
			throw new InvalidDefinitionException(file + ": field '" + field + "': " + ids.size()
					+ " ids is more than the limit of " + IdListFile.MAX_IDS + "; is this the right list?");
		}
		for (int i = 0; i < ids.size(); i++) {
			if (ids.get(i) == null || !IdListFile.GROUP_ID.matcher(ids.get(i)).matches()) {
				throw new InvalidDefinitionException(file + ": field '" + field + "[" + i + "]': '"
						+ (ids.get(i) == null ? null : IdListFile.visible(ids.get(i)))
						+ "' is not a group object id (a GUID such as 0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70)");
			}
		}
		return ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
	}

	static Set<String> fromFile(Path definition, String field, @Nullable String name, MessageDigest digest) {
		if (name == null) {
			return Set.of();
		}
		Set<String> ids = IdListFile.read(definition, field, name, digest);
		if (ids.isEmpty()) {
			// an empty list would not limit the run: it would select every group
			throw new InvalidDefinitionException(definition + ": field '" + field + "': the id list " + name
					+ " holds no ids, so it would select every group; fill it, or remove the field to consider all groups");
		}
		return ids;
	}

}
