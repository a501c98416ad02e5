package io.writebackbatch.graph;

import java.net.URI;
import java.util.OptionalLong;

import com.microsoft.kiota.ApiException;
import com.microsoft.graph.beta.models.odataerrors.MainError;
import com.microsoft.graph.beta.models.odataerrors.ODataError;

/**
 * Pages through the tenant's unified groups, one Graph page per call. Callers keep the
 * page link as their checkpoint (the SDK's PageIterator buffers pages and cannot start
 * from a saved link, hence this class).
 */
public final class GroupDirectory {

	static final String UNIFIED_FILTER = "groupTypes/any(c:c eq 'Unified')";

	static final String[] SELECT = { "id", "displayName", "createdDateTime", "onPremisesSyncEnabled",
			"isAssignableToRole", "writebackConfiguration" };

	private static final String LISTING = "listing unified groups";

	private final GraphConnection connection;

	private final RetriedRead reads;

	public GroupDirectory(GraphConnection connection) {
		this.connection = connection;
		this.reads = connection.retriedReads();
	}

	/**
	 * The first page. The listing is a plain query, not an advanced one: with
	 * {@code ConsistencyLevel: eventual} Graph answers from an eventually consistent
	 * index, and a rollback planned right after an apply could read the pre-run values
	 * (aad-advanced-queries; Microsoft's own group-writeback listing sends no such
	 * header).
	 */
	public GroupPage firstPage() {
		return reads.call(LISTING, () -> ListedGroups.toPage(connection.client().groups().get(config -> {
			config.queryParameters.filter = UNIFIED_FILTER;
			config.queryParameters.select = SELECT;
			config.queryParameters.top = connection.properties().pageSize();
		})));
	}

	/**
	 * How many unified groups Graph counts, for progress and ETA only:
	 * {@code /groups/$count} is an advanced query (eventually consistent), so it is asked
	 * separately and never decides anything. Empty if Graph will not say.
	 */
	public OptionalLong countUnifiedGroups() {
		try {
			Integer count = connection.client().groups().count().get(config -> {
				config.queryParameters.filter = UNIFIED_FILTER;
				config.headers.add("ConsistencyLevel", "eventual");
			});
			return count == null ? OptionalLong.empty() : OptionalLong.of(count);
		}
		catch (RuntimeException e) {
			GraphAccessException failure = GraphErrors.translate(e, "counting unified groups");
			if (failure.kind() == GraphAccessException.Kind.AUTHENTICATION) {
				throw failure;
			}
			return OptionalLong.empty();
		}
	}

	/**
	 * The page behind a {@code @odata.nextLink}. A link to any other host is refused: the
	 * token goes only to Graph.
	 * @throws ExpiredPageLinkException when Graph refuses the link (skip tokens expire)
	 */
	public GroupPage page(String nextLink) {
		if (!connection.isGraphUrl(nextLink)) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID,
					"refusing to follow a nextLink to " + hostOf(nextLink)
							+ ": it is not the configured Graph endpoint " + connection.baseUri()
							+ " (the access token is only ever sent there)");
		}
		try {
			// a new builder for each attempt: Kiota clears a raw-URL builder's path
			// parameters when it sends, so a
			// second get() on the same builder would list every group of the tenant,
			// unfiltered
			return reads.call(LISTING, () -> ListedGroups.toPage(connection.client().groups().withUrl(nextLink).get()));
		}
		catch (GraphAccessException e) {
			if (e.getCause() instanceof ApiException api && isExpiredPageLink(api)) {
				throw new ExpiredPageLinkException(api);
			}
			throw e;
		}
	}

	/**
	 * The group's member count ({@code /members/$count}, which needs ConsistencyLevel:
	 * eventual); empty if gone.
	 */
	public OptionalLong memberCount(String groupId) {
		try {
			Integer count = reads.call("counting the members of group " + groupId,
					() -> connection.client()
						.groups()
						.byGroupId(groupId)
						.members()
						.count()
						.get(config -> config.headers.add("ConsistencyLevel", "eventual")));
			return count == null ? OptionalLong.empty() : OptionalLong.of(count);
		}
		catch (GraphAccessException e) {
			if (e.getCause() instanceof ApiException api && api.getResponseStatusCode() == 404) {
				return OptionalLong.empty();
			}
			throw e;
		}
	}

	private static String hostOf(String link) {
		try {
			return URI.create(link).getHost();
		}
		catch (IllegalArgumentException e) {
			return "'" + link + "'";
		}
	}

	/** Graph refused a saved page link, typically because its skip token expired. */
	/**
	 * Whether Graph refused a page link because its skip token expired or is no longer
	 * valid: directory listings answer 400 {@code Directory_ExpiredPageToken} (or
	 * "Invalid page token"), and Graph answers 410 Gone for expired paging and delta
	 * tokens elsewhere; its docs give no lifetime, so both are taken as "list again from
	 * the start".
	 */
	private static boolean isExpiredPageLink(ApiException api) {
		if (api.getResponseStatusCode() == 410) {
			return true;
		}
		String said = graphsWords(api).toLowerCase(java.util.Locale.ROOT);
		return api.getResponseStatusCode() == 400 && (said.contains("pagetoken") || said.contains("page token")
				|| said.contains("skiptoken") || said.contains("skip token"));
	}

	/**
	 * Graph's error code and message, or the exception's message when the answer was not
	 * Graph's error JSON.
	 */
	private static String graphsWords(ApiException api) {
		if (api instanceof ODataError odata) {
			MainError error = odata.getError();
			if (error != null) {
				return error.getCode() + ", " + error.getMessage();
			}
		}
		return String.valueOf(api.getMessage());
	}

	public static final class ExpiredPageLinkException extends RuntimeException {

		ExpiredPageLinkException(ApiException cause) {
			super("HTTP " + cause.getResponseStatusCode() + " " + graphsWords(cause), cause);
		}

	}

}
