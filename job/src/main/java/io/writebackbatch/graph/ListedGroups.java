package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.domain.Writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupCollectionResponse;
import com.microsoft.graph.beta.models.GroupWritebackConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Judges the groups of one listing page before anything is staged: an id must be a GUID
 * (it goes into a URL and a 36-character column), {@code onPremisesGroupType} one of
 * Graph's values in any casing or at most {@value #MAX_TYPE_LENGTH} characters. Graph's
 * enum values are brought to Graph's own casing (Graph has accepted other casings:
 * msgraph-metadata#332).
 */
final class ListedGroups {

	private static final Pattern GUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * The staging column's width; Graph's longest value,
	 * universalMailEnabledSecurityGroup, has 32.
	 */
	static final int MAX_TYPE_LENGTH = 64;

	static final List<String> GROUP_TYPES = List.of("universalDistributionGroup", "universalSecurityGroup",
			"universalMailEnabledSecurityGroup");

	private ListedGroups() {
	}

	/**
	 * The page's usable groups, in the page's order; the groups whose answer left out the
	 * selected writebackConfiguration are read again by id ({@code reread}: the page is
	 * kept, not asked again whole), and left out when Graph answers 404 (deleted since).
	 */
	static GroupPage toPage(GroupCollectionResponse response,
			Function<List<String>, Map<String, Optional<GroupSnapshot>>> rereader) {
		if (response == null || response.getValue() == null) {
			throw new GraphAccessException(FailureKind.TRANSIENT,
					"Graph answered a group page without a 'value' array (truncated or not a Graph response); run 'resume'");
		}
		List<Group> usable = new ArrayList<>();
		List<String> unusable = new ArrayList<>();
		for (Group group : response.getValue()) {
			String problem = problem(group);
			if (problem == null) {
				usable.add(group);
			}
			else {
				unusable.add(problem);
			}
		}
		List<String> incomplete = usable.stream()
			.filter(group -> !answersWhatWasSelected(group))
			.map(Group::getId)
			.toList();
		Map<String, Optional<GroupSnapshot>> reread = incomplete.isEmpty() ? Map.of() : rereader.apply(incomplete);
		List<GroupSnapshot> groups = new ArrayList<>();
		for (Group group : usable) {
			if (answersWhatWasSelected(group)) {
				groups.add(toSnapshot(group));
			}
			else {
				reread.getOrDefault(group.getId(), Optional.empty()).ifPresent(groups::add);
			}
		}
		return new GroupPage(groups, response.getOdataNextLink(), unusable);
	}

	private static @Nullable String problem(Group group) {
		String id = group.getId();
		if (id == null || !GUID.matcher(id).matches()) {
			return "a group whose id " + (id == null ? "is missing" : printable(id) + " is not a GUID")
					+ " (display name " + printable(group.getDisplayName()) + ")";
		}
		GroupWritebackConfiguration config = group.getWritebackConfiguration();
		String type = config == null ? null : config.getOnPremisesGroupType();
		if (type != null && canonicalType(type).length() > MAX_TYPE_LENGTH) {
			return "group " + id + " whose onPremisesGroupType is " + type.length() + " characters long ("
					+ printable(type) + "), none of Graph's values " + GROUP_TYPES;
		}
		return null;
	}

	/**
	 * Whether Graph's answer for {@code group} holds its writebackConfiguration, which
	 * the job always selects (Graph returns it, with null fields for a group never
	 * configured). Without it the group's state is unknown, not "not set": judged as not
	 * set, a group Graph had turned back on would be planned, or counted unchanged since
	 * a plan, on a guess. Such an answer is incomplete: the group is read again by id.
	 */
	static boolean answersWhatWasSelected(Group group) {
		return group.getWritebackConfiguration() != null;
	}

	static GroupSnapshot toSnapshot(Group group) {
		GroupWritebackConfiguration config = group.getWritebackConfiguration();
		Writeback writeback = config == null ? Writeback.NOT_SET
				: new Writeback(config.getIsEnabled(), canonicalTypeOrNull(config.getOnPremisesGroupType()));
		return new GroupSnapshot(group.getId().toLowerCase(Locale.ROOT), group.getDisplayName(),
				group.getCreatedDateTime() == null ? null : group.getCreatedDateTime().toInstant(),
				Boolean.TRUE.equals(group.getOnPremisesSyncEnabled()), writeback,
				Boolean.TRUE.equals(group.getIsAssignableToRole()));
	}

	private static @Nullable String canonicalTypeOrNull(@Nullable String type) {
		return type == null ? null : canonicalType(type);
	}

	/**
	 * Graph's own spelling of a known group type in any casing; anything else as given.
	 */
	static String canonicalType(String type) {
		return GROUP_TYPES.stream().filter(type::equalsIgnoreCase).findFirst().orElse(type);
	}

	/**
	 * A value from Graph for a log line: quoted, control characters escaped, at most 80
	 * characters.
	 */
	private static String printable(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder("'");
		value.codePoints().limit(80).forEach(c -> {
			if (c < 0x20 || c == 0x7F) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.append(value.codePointCount(0, value.length()) > 80 ? "...'" : "'").toString();
	}

}
