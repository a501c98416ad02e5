package io.writebackbatch.graph;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.microsoft.graph.beta.models.GroupCollectionResponse;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.gateway.GraphCall;
import io.writebackbatch.graph.gateway.GraphGateway;
import io.writebackbatch.graph.gateway.GraphRefusal;
import io.writebackbatch.graph.gateway.GraphRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through the tenant's unified groups, one Graph page per call, through the
 * {@link GraphGateway}. Callers keep the page link as their checkpoint (the SDK's
 * PageIterator buffers pages and cannot start from a saved link, hence this class).
 */
public final class GroupDirectory {

	private static final Logger log = LoggerFactory.getLogger(GroupDirectory.class);

	static final String UNIFIED_FILTER = GraphRequests.UNIFIED_FILTER;

	static final String[] SELECT = GraphRequests.SELECT;

	private final GraphConnection connection;

	private final GraphGateway gateway;

	private final GroupsById byId;

	public GroupDirectory(GraphConnection connection) {
		this.connection = connection;
		this.gateway = connection.gateway();
		this.byId = new GroupsById(gateway);
	}

	/** The first page (a plain query: see {@link GraphRequests#listGroups()}). */
	public GroupPage firstPage() {
		return page(gateway.requests().listGroups());
	}

	/**
	 * How many unified groups Graph counts, for progress and ETA only:
	 * {@code /groups/$count} is an advanced query (eventually consistent), so it is asked
	 * separately, once, and never decides anything. Empty if Graph will not say; a
	 * refused token or permission still stops the run.
	 */
	public OptionalLong countUnifiedGroups() {
		try {
			return OptionalLong.of(gateway.count(gateway.requests().countGroups()));
		}
		catch (GraphAccessException e) {
			if (e.failureKind() == FailureKind.AUTHENTICATION || e.failureKind() == FailureKind.PERMISSION) {
				throw e;
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
		return nextPage(gateway.requests().listGroups(), nextLink);
	}

	/**
	 * The page behind {@code nextLink} of the listing {@code listing} (same route and
	 * headers).
	 * @throws ExpiredPageLinkException when Graph refuses the link (skip tokens expire)
	 */
	GroupPage nextPage(GraphCall listing, String nextLink) {
		if (!connection.isGraphUrl(nextLink)) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT,
					"refusing to follow a nextLink to " + hostOf(nextLink)
							+ ": it is not the configured Graph endpoint " + connection.baseUri()
							+ " (the access token is only ever sent there)");
		}
		try {
			return page(gateway.requests().nextPage(listing, nextLink));
		}
		catch (GraphRefusal refusal) {
			if (isExpiredPageLink(refusal)) {
				throw new ExpiredPageLinkException(refusal);
			}
			throw refusal;
		}
	}

	/**
	 * One page, judged by {@link ListedGroups}; a page without 'value' is no answer
	 * (asked again). The groups whose answer left out the selected writebackConfiguration
	 * are read again by id through {@code $batch} ({@link GroupsById}, the gateway's
	 * retry policy, one wait per round of retries for all of them): at an omission rate
	 * of a few percent, asking a page of 999 again whole until every group in it came
	 * whole would rarely end.
	 */
	GroupPage page(GraphCall call) {
		return ListedGroups.toPage(gateway.readWhole(call, GroupCollectionResponse::createFromDiscriminatorValue,
				response -> response.getValue() == null ? "the page's 'value'" : null), this::reread);
	}

	private Map<String, Optional<GroupSnapshot>> reread(List<String> ids) {
		log.info("{} of a page's groups left out the selected writebackConfiguration; reading them again by id",
				ids.size());
		try {
			return byId.read(ids);
		}
		catch (GraphAccessException e) {
			if (e.failureKind() != FailureKind.TRANSIENT) {
				throw e;
			}
			throw new GraphAccessException(FailureKind.TRANSIENT, "while listing unified groups, " + ids.size()
					+ " of a page's groups left out the selected writebackConfiguration and were not read whole by "
					+ "id either: " + e.getMessage(), e);
		}
	}

	/**
	 * The group's member count ({@code /members/$count}, which needs ConsistencyLevel:
	 * eventual); empty if gone.
	 */
	public OptionalLong memberCount(String groupId) {
		try {
			return OptionalLong.of(gateway.count(gateway.requests().memberCount(groupId)));
		}
		catch (GraphRefusal refusal) {
			if (refusal.status() == 404) {
				return OptionalLong.empty();
			}
			throw refusal;
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

	/**
	 * Whether Graph refused a page link because its skip token expired or is no longer
	 * valid: directory listings answer 400 {@code Directory_ExpiredPageToken} (or
	 * "Invalid page token"), and Graph answers 410 Gone for expired paging and delta
	 * tokens elsewhere; its docs give no lifetime, so both are taken as "list again from
	 * the start".
	 */
	static boolean isExpiredPageLink(GraphRefusal refusal) {
		if (refusal.status() == 410) {
			return true;
		}
		String said = refusal.words();
		return refusal.status() == 400 && (said.contains("pagetoken") || said.contains("page token")
				|| said.contains("skiptoken") || said.contains("skip token"));
	}

	/** Graph refused a saved page link, typically because its skip token expired. */
	public static final class ExpiredPageLinkException extends RuntimeException {

		ExpiredPageLinkException(GraphRefusal cause) {
			super("HTTP " + cause.status() + " " + cause.answer().code() + ", " + cause.answer().message(), cause);
		}

	}

}
