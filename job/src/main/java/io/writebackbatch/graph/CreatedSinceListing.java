package io.writebackbatch.graph;

import io.writebackbatch.domain.GroupSnapshot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.graph.beta.models.GroupCollectionResponse;

/**
 * Lists the unified groups created since an instant:
 * {@code $filter=groupTypes/any(c:c eq 'Unified') and
 * createdDateTime ge ...}. Filtering on createdDateTime is one of Graph's advanced
 * queries, so the request carries {@code $count=true} and
 * {@code ConsistencyLevel: eventual}; the index behind it lags, hence the caller's
 * overlap.
 */
public final class CreatedSinceListing {

	private final GraphConnection connection;

	public CreatedSinceListing(GraphConnection connection) {
		this.connection = connection;
	}

	/** Every unified group created at or after {@code since} (all pages). */
	public List<GroupSnapshot> createdSince(Instant since) {
		String what = "listing unified groups created since " + since;
		List<GroupSnapshot> groups = new ArrayList<>();
		try {
			GroupPage page = ListedGroups.toPage(connection.client().groups().get(config -> {
				config.queryParameters.filter = GroupDirectory.UNIFIED_FILTER + " and createdDateTime ge "
						+ since.truncatedTo(ChronoUnit.SECONDS);
				config.queryParameters.select = GroupDirectory.SELECT;
				config.queryParameters.top = connection.properties().pageSize();
				config.queryParameters.count = true;
				config.headers.add("ConsistencyLevel", "eventual");
			}));
			groups.addAll(page.groups());
			while (page.nextLink() != null) {
				String link = page.nextLink();
				if (!connection.isGraphUrl(link)) {
					throw new GraphAccessException(GraphAccessException.Kind.INVALID, "refusing to follow a nextLink "
							+ "outside the configured Graph endpoint " + connection.baseUri() + " while " + what);
				}
				GroupCollectionResponse next = connection.client()
					.groups()
					.withUrl(link)
					.get(config -> config.headers.add("ConsistencyLevel", "eventual"));
				page = ListedGroups.toPage(next);
				groups.addAll(page.groups());
			}
		}
		catch (RuntimeException e) {
			throw GraphErrors.translate(e, what);
		}
		return groups;
	}

}
