package io.writebackbatch.graph;

import java.util.List;

import com.microsoft.graph.beta.groups.GroupsRequestBuilder;
import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupCollectionResponse;
import com.microsoft.graph.beta.models.GroupWritebackConfiguration;
import com.microsoft.kiota.ApiException;

/**
 * Pages through the tenant's unified groups, one Graph page per call. Callers keep the page link as their
 * checkpoint (the SDK's PageIterator buffers pages and cannot start from a saved link, hence this class).
 */
public final class GroupDirectory {

	static final String UNIFIED_FILTER = "groupTypes/any(c:c eq 'Unified')";

	static final String[] SELECT = { "id", "displayName", "createdDateTime", "onPremisesSyncEnabled",
			"writebackConfiguration" };

	private final GraphConnection connection;

	public GroupDirectory(GraphConnection connection) {
		this.connection = connection;
	}

	/** The first page, with Graph's count of unified groups (for progress and ETA). */
	public GroupPage firstPage() {
		try {
			return toPage(connection.client().groups().get(config -> {
				config.queryParameters.filter = UNIFIED_FILTER;
				config.queryParameters.select = SELECT;
				config.queryParameters.top = connection.properties().pageSize();
				config.queryParameters.count = true;
				config.headers.add("ConsistencyLevel", "eventual");
			}));
		}
		catch (RuntimeException e) {
			throw GraphErrors.translate(e, "listing unified groups");
		}
	}

	/**
	 * The page behind a {@code @odata.nextLink}. A link to any other host is refused: the token goes only to Graph.
	 *
	 * @throws ExpiredPageLinkException when Graph refuses the link (skip tokens expire)
	 */
	public GroupPage page(String nextLink) {
		if (!connection.isGraphUrl(nextLink)) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID, "refusing to follow a nextLink to "
					+ hostOf(nextLink) + ": it is not the configured Graph endpoint " + connection.baseUri()
					+ " (the access token is only ever sent there)");
		}
		try {
			GroupsRequestBuilder builder = connection.client().groups().withUrl(nextLink);
			return toPage(builder.get(config -> config.headers.add("ConsistencyLevel", "eventual")));
		}
		catch (ApiException e) {
			if (e.getResponseStatusCode() == 400) {
				throw new ExpiredPageLinkException(e);
			}
			throw GraphErrors.translate(e, "listing unified groups");
		}
		catch (RuntimeException e) {
			throw GraphErrors.translate(e, "listing unified groups");
		}
	}

	/** The group's member count ({@code /members/$count}, which needs ConsistencyLevel: eventual); empty if gone. */
	public java.util.OptionalLong memberCount(String groupId) {
		try {
			Integer count = connection.client().groups().byGroupId(groupId).members().count()
				.get(config -> config.headers.add("ConsistencyLevel", "eventual"));
			return count == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(count);
		}
		catch (ApiException e) {
			if (e.getResponseStatusCode() == 404) {
				return java.util.OptionalLong.empty();
			}
			throw GraphErrors.translate(e, "counting the members of group " + groupId);
		}
		catch (RuntimeException e) {
			throw GraphErrors.translate(e, "counting the members of group " + groupId);
		}
	}

	static GroupPage toPage(GroupCollectionResponse response) {
		if (response == null || response.getValue() == null) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID,
					"Graph answered a group page without a 'value' array (truncated or not a Graph response)");
		}
		List<GroupSnapshot> groups = response.getValue().stream().map(GroupDirectory::toSnapshot).toList();
		return new GroupPage(groups, response.getOdataNextLink(), response.getOdataCount());
	}

	static GroupSnapshot toSnapshot(Group group) {
		if (group.getId() == null) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID,
					"Graph returned a group without an id (truncated or not a Graph response)");
		}
		GroupWritebackConfiguration config = group.getWritebackConfiguration();
		Writeback writeback = config == null ? Writeback.NOT_SET
				: new Writeback(config.getIsEnabled(), config.getOnPremisesGroupType());
		return new GroupSnapshot(group.getId().toLowerCase(java.util.Locale.ROOT), group.getDisplayName(),
				group.getCreatedDateTime() == null ? null : group.getCreatedDateTime().toInstant(),
				Boolean.TRUE.equals(group.getOnPremisesSyncEnabled()), writeback);
	}

	private static String hostOf(String link) {
		try {
			return java.net.URI.create(link).getHost();
		}
		catch (IllegalArgumentException e) {
			return "'" + link + "'";
		}
	}

	/** Graph refused a saved page link, typically because its skip token expired. */
	public static final class ExpiredPageLinkException extends RuntimeException {

		ExpiredPageLinkException(Throwable cause) {
			super("Graph refused the saved page link", cause);
		}
	}
}
