package io.writebackbatch.graph;

import com.microsoft.kiota.ApiException;
import com.microsoft.graph.beta.models.odataerrors.ODataError;

/**
 * Pages through the tenant's unified groups, one Graph page per call. Callers keep the page link as their
 * checkpoint (the SDK's PageIterator buffers pages and cannot start from a saved link, hence this class).
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
	 * The first page. The listing is a plain query, not an advanced one: with {@code ConsistencyLevel: eventual} Graph
	 * answers from an eventually consistent index, and a rollback planned right after an apply could read the
	 * pre-run values (aad-advanced-queries; Microsoft's own group-writeback listing sends no such header).
	 */
	public GroupPage firstPage() {
		return reads.call(LISTING, () -> ListedGroups.toPage(connection.client().groups().get(config -> {
			config.queryParameters.filter = UNIFIED_FILTER;
			config.queryParameters.select = SELECT;
			config.queryParameters.top = connection.properties().pageSize();
		})));
	}

	/**
	 * How many unified groups Graph counts, for progress and ETA only: {@code /groups/$count} is an advanced query
	 * (eventually consistent), so it is asked separately and never decides anything. Empty if Graph will not say.
	 */
	public java.util.OptionalLong countUnifiedGroups() {
		try {
			Integer count = connection.client().groups().count().get(config -> {
				config.queryParameters.filter = UNIFIED_FILTER;
				config.headers.add("ConsistencyLevel", "eventual");
			});
			return count == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(count);
		}
		catch (RuntimeException e) {
			GraphAccessException failure = GraphErrors.translate(e, "counting unified groups");
			if (failure.kind() == GraphAccessException.Kind.AUTHENTICATION) {
				throw failure;
			}
			return java.util.OptionalLong.empty();
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
			// a new builder for each attempt: Kiota clears a raw-URL builder's path parameters when it sends, so a
			// second get() on the same builder would list every group of the tenant, unfiltered
			return reads.call(LISTING, () -> ListedGroups.toPage(connection.client().groups().withUrl(nextLink).get()));
		}
		catch (GraphAccessException e) {
			if (e.getCause() instanceof ApiException api && isExpiredPageLink(api)) {
				throw new ExpiredPageLinkException(api);
			}
			throw e;
		}
	}

	/** The group's member count ({@code /members/$count}, which needs ConsistencyLevel: eventual); empty if gone. */
	public java.util.OptionalLong memberCount(String groupId) {
		try {
			Integer count = reads.call("counting the members of group " + groupId, () -> connection.client().groups()
				.byGroupId(groupId).members().count().get(config -> config.headers.add("ConsistencyLevel", "eventual")));
			return count == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(count);
		}
		catch (GraphAccessException e) {
			if (e.getCause() instanceof ApiException api && api.getResponseStatusCode() == 404) {
				return java.util.OptionalLong.empty();
			}
			throw e;
		}
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
	/**
	 * Whether Graph refused a page link because its skip token expired or is no longer valid: directory listings answer
	 * 400 {@code Directory_ExpiredPageToken} (or "Invalid page token"), and Graph answers 410 Gone for expired paging
	 * and delta tokens elsewhere; its docs give no lifetime, so both are taken as "list again from the start".
	 */
	private static boolean isExpiredPageLink(ApiException api) {
		if (api.getResponseStatusCode() == 410) {
			return true;
		}
		if (api.getResponseStatusCode() != 400) {
			return false;
		}
		String said = (api instanceof ODataError odata && odata.getError() != null
				? odata.getError().getCode() + " " + odata.getError().getMessage() : api.getMessage())
			.toLowerCase(java.util.Locale.ROOT);
		return said.contains("pagetoken") || said.contains("page token") || said.contains("skiptoken")
				|| said.contains("skip token");
	}

	public static final class ExpiredPageLinkException extends RuntimeException {

		ExpiredPageLinkException(ApiException cause) {
			super("HTTP " + cause.getResponseStatusCode() + " " + ((cause instanceof ODataError odata
					&& odata.getError() != null) ? odata.getError().getCode() + ", " + odata.getError().getMessage()
							: cause.getMessage()), cause);
		}
	}
}
