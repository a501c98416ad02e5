package io.writebackbatch.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /groups}: the filters Graph accepts here (unified groups; unified groups
 * created since an instant, an advanced query), {@code $top}, {@code $select},
 * {@code $count}, and paging by signed {@code $skiptoken}s that may expire.
 */
record GroupListing(TenantStore store, GroupJson json, SkipTokens skipTokens, Controls controls, ErrorAnswers errors) {

	static final Pattern UNIFIED_FILTER = Pattern
		.compile("\\s*groupTypes/any\\(\\s*(\\w+)\\s*:\\s*\\1\\s+eq\\s+'Unified'\\s*\\)\\s*");

	/**
	 * Unified groups created since an instant: an advanced query (needs $count=true and
	 * ConsistencyLevel: eventual).
	 */
	private static final Pattern CREATED_SINCE_FILTER = Pattern.compile(
			"\\s*groupTypes/any\\(\\s*(\\w+)\\s*:\\s*\\1\\s+eq\\s+'Unified'\\s*\\)\\s+and\\s+createdDateTime\\s+ge\\s+(\\S+)\\s*");

	private static final String UNSUPPORTED_FILTER = "Unsupported or invalid query filter clause specified for property";

	/**
	 * What the filter asks for: all groups, unified ones, or unified ones created since
	 * an instant (-1: any); or Graph's answer to a filter it does not support.
	 */
	private record Filter(boolean unifiedOnly, long createdSince, GraphResponse refused) {

		static Filter of(boolean unifiedOnly, long createdSince) {
			return new Filter(unifiedOnly, createdSince, null);
		}

		static Filter refused(GraphResponse answer) {
			return new Filter(false, -1, answer);
		}

	}

	GraphResponse list(GraphRequest req) {
		Map<String, String> q = req.query();
		for (String k : q.keySet()) {
			if (k.equals("$orderby") || k.equals("$search") || k.equals("$expand")) {
				return errors.error(400, "Request_UnsupportedQuery", "Unsupported Query.", req);
			}
			if (k.equals("$skip")) {
				return errors.badRequest("'$skip' is not supported by the service.", req);
			}
		}
		Filter f = filter(req);
		if (f.refused() != null) {
			return f.refused();
		}
		int top = 100;
		if (q.containsKey("$top")) {
			try {
				top = Integer.parseInt(q.get("$top").trim());
			}
			catch (NumberFormatException ex) {
				return errors.error(400, "BadRequest", "Invalid $top value '" + q.get("$top") + "'.", req);
			}
			if (top < 1 || top > 999) {
				return errors.error(400, "Request_UnsupportedQuery",
						"Invalid page size specified: '" + top + "'. Must be between 1 and 999 inclusive.", req);
			}
		}
		List<String> select = GroupJson.select(q);
		if (select == null) {
			return GroupJson.badSelect(errors, req);
		}
		GroupKey after = null;
		String token = q.get("$skiptoken");
		if (token != null) {
			SkipTokens.SkipToken st = skipTokens.decode(token);
			if (st == null || st.unifiedOnly() != f.unifiedOnly()) {
				return errors.badRequest("Invalid page token specified.", req);
			}
			Duration ttl = controls.skipTokenTtl();
			if (!ttl.isZero() && System.currentTimeMillis() - st.issuedMillis() > ttl.toMillis()) {
				return errors.error(400, "Directory_ExpiredPageToken",
						"The specified page token value has expired and can no longer be included in your request.",
						req);
			}
			after = st.after();
		}
		return page(req, f, top, select, after);
	}

	private GraphResponse page(GraphRequest req, Filter f, int top, List<String> select, GroupKey after) {
		Map<String, String> q = req.query();
		int[] page = store.page(after, top + 1, f.unifiedOnly(), f.createdSince());
		boolean more = page.length > top;
		int n = Math.min(page.length, top);
		ObjectNode root = Json.MAPPER.createObjectNode();
		root.put("@odata.context", GroupJson.context(req, select, false));
		// $count=true without ConsistencyLevel: eventual is silently ignored
		// (aad-advanced-queries)
		if ("true".equalsIgnoreCase(q.get("$count")) && req.isAdvancedQuery()) {
			root.put("@odata.count", (f.createdSince() >= 0) ? store.liveUnifiedCreatedSince(f.createdSince())
					: f.unifiedOnly() ? store.liveUnifiedCount() : store.liveCount());
		}
		if (more) {
			StringBuilder link = new StringBuilder(req.origin()).append("/beta/groups?");
			q.forEach((k, v) -> {
				if (!k.equals("$skiptoken")) {
					link.append(k).append('=').append(encode(v)).append('&');
				}
			});
			link.append("$skiptoken=").append(skipTokens.encode(store.groups().key(page[n - 1]), f.unifiedOnly()));
			root.put("@odata.nextLink", link.toString());
		}
		ArrayNode value = root.putArray("value");
		for (int i = 0; i < n; i++) {
			json.write(value.addObject(), page[i], select, req.isAdvancedQuery());
		}
		return GraphResponse.json(200, root);
	}

	private Filter filter(GraphRequest req) {
		String filter = req.query().get("$filter");
		if (filter == null || filter.isBlank()) {
			return Filter.of(false, -1);
		}
		Matcher since = CREATED_SINCE_FILTER.matcher(filter);
		if (since.matches()) {
			if (controls.modes().createdSinceRefused() || !"true".equalsIgnoreCase(req.query().get("$count"))
					|| !req.isAdvancedQuery()) {
				return Filter.refused(errors.error(400, "Request_UnsupportedQuery",
						UNSUPPORTED_FILTER + " 'createdDateTime' of resource 'Group'.", req));
			}
			try {
				return Filter.of(true, OffsetDateTime.parse(since.group(2)).toEpochSecond());
			}
			catch (DateTimeParseException ex) {
				return Filter.refused(errors.error(400, "BadRequest",
						"Invalid filter clause: '" + since.group(2) + "' is not a DateTimeOffset.", req));
			}
		}
		if (!UNIFIED_FILTER.matcher(filter).matches()) {
			return Filter.refused(
					errors.error(400, "Request_UnsupportedQuery", UNSUPPORTED_FILTER + " of resource 'Group'.", req));
		}
		return Filter.of(true, -1);
	}

	private static String encode(String v) {
		return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
