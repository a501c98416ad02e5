package io.writebackbatch.graph.gateway;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;

/**
 * Builds every request the job sends, with the SDK's request builders (they encode OData
 * queries correctly): the only class that touches them. What goes on the wire is sent and
 * judged by {@link GraphGateway}.
 */
public final class GraphRequests {

	/** Unified (Microsoft 365) groups only: the job never touches the others. */
	public static final String UNIFIED_FILTER = "groupTypes/any(c:c eq 'Unified')";

	/**
	 * What the job reads of a group; writebackConfiguration is returned only when
	 * selected.
	 */
	public static final String[] SELECT = { "id", "displayName", "createdDateTime", "onPremisesSyncEnabled",
			"isAssignableToRole", "writebackConfiguration" };

	private static final Map<String, String> EVENTUAL = Map.of("ConsistencyLevel", "eventual");

	private final GraphServiceClient client;

	private final int pageSize;

	GraphRequests(GraphServiceClient client, int pageSize) {
		this.client = client;
		this.pageSize = pageSize;
	}

	/**
	 * The first page of unified groups. A plain query, not an advanced one: with
	 * {@code ConsistencyLevel: eventual} Graph answers from an eventually consistent
	 * index, and a rollback planned right after an apply could read the pre-run values
	 * (aad-advanced-queries; Microsoft's own group-writeback listing sends no such
	 * header).
	 */
	public GraphCall listGroups() {
		RequestInformation info = client.groups().toGetRequestInformation(config -> {
			config.queryParameters.filter = UNIFIED_FILTER;
			config.queryParameters.select = SELECT;
			config.queryParameters.top = pageSize;
		});
		return get(Route.LIST_GROUPS, info, Map.of(), Route.LIST_GROUPS.doing());
	}

	/**
	 * The unified groups created at or after {@code since}: filtering on createdDateTime
	 * is an advanced query, so it carries {@code $count=true} and
	 * {@code ConsistencyLevel: eventual}.
	 */
	public GraphCall createdSince(Instant since) {
		Instant from = since.truncatedTo(ChronoUnit.SECONDS);
		RequestInformation info = client.groups().toGetRequestInformation(config -> {
			config.queryParameters.filter = UNIFIED_FILTER + " and createdDateTime ge " + from;
			config.queryParameters.select = SELECT;
			config.queryParameters.top = pageSize;
			config.queryParameters.count = true;
		});
		return get(Route.CREATED_SINCE, info, EVENTUAL, "listing unified groups created since " + from);
	}

	/**
	 * The page behind {@code link}, with the headers of the listing it continues (the
	 * caller has checked that the link points at Graph).
	 */
	public GraphCall nextPage(GraphCall listing, String link) {
		Route route = listing.route() == Route.LIST_GROUPS ? Route.NEXT_PAGE : listing.route();
		return new GraphCall(route, "GET", URI.create(link), listing.headers(), null, listing.doing());
	}

	/** {@code /groups/$count} of unified groups (an advanced query). */
	public GraphCall countGroups() {
		RequestInformation info = client.groups()
			.count()
			.toGetRequestInformation(config -> config.queryParameters.filter = UNIFIED_FILTER);
		return get(Route.COUNT_GROUPS, info, EVENTUAL, Route.COUNT_GROUPS.doing());
	}

	/** {@code /groups/{id}/members/$count} (needs ConsistencyLevel: eventual). */
	public GraphCall memberCount(String groupId) {
		RequestInformation info = client.groups().byGroupId(groupId).members().count().toGetRequestInformation();
		return get(Route.MEMBER_COUNT, info, EVENTUAL, "counting the members of group " + groupId);
	}

	/** {@code GET /organization}, its id only. */
	public GraphCall organization() {
		RequestInformation info = client.organization()
			.toGetRequestInformation(config -> config.queryParameters.select = new String[] { "id" });
		return get(Route.READ_ORGANIZATION, info, Map.of(), Route.READ_ORGANIZATION.doing());
	}

	/** {@code GET /settings}. */
	public GraphCall settings() {
		return get(Route.READ_SETTINGS, client.settings().toGetRequestInformation(), Map.of(),
				Route.READ_SETTINGS.doing());
	}

	/** {@code GET /directorySettingTemplates/{id}}. */
	public GraphCall settingTemplate(String templateId) {
		RequestInformation info = client.directorySettingTemplates()
			.byDirectorySettingTemplateId(templateId)
			.toGetRequestInformation();
		return get(Route.READ_SETTING_TEMPLATE, info, Map.of(), Route.READ_SETTING_TEMPLATE.doing());
	}

	/** {@code POST /settings} with a directorySetting as JSON. */
	public GraphCall createSetting(String json) {
		URI uri = uri(client.settings().toGetRequestInformation());
		return new GraphCall(Route.CREATE_SETTING, "POST", uri, Map.of(), json, Route.CREATE_SETTING.doing());
	}

	/** {@code PATCH /settings/{id}} with the full values list as JSON. */
	public GraphCall updateSetting(String id, String json) {
		URI uri = uri(client.settings().byDirectorySettingId(id).toGetRequestInformation());
		return new GraphCall(Route.UPDATE_SETTING, "PATCH", uri, Map.of(), json, Route.UPDATE_SETTING.doing());
	}

	/**
	 * A {@code $batch} step's URL to GET one group with {@link #SELECT}, relative to the
	 * version (Graph resolves step URLs against {@code /beta}).
	 */
	String groupByIdStep(String groupId) {
		return relative(uri(client.groups()
			.byGroupId(groupId)
			.toGetRequestInformation(config -> config.queryParameters.select = SELECT)));
	}

	/** The {@code $batch} endpoint. */
	URI batch() {
		return URI.create(base() + "/$batch");
	}

	private String relative(URI uri) {
		return uri.toString().substring(base().length());
	}

	private String base() {
		String base = client.getRequestAdapter().getBaseUrl();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/**
	 * A GET with the headers the SDK sets for it (e.g. {@code Accept: text/plain} for
	 * {@code $count}) and {@code headers}.
	 */
	private static GraphCall get(Route route, RequestInformation info, Map<String, String> headers, String doing) {
		Map<String, String> all = new LinkedHashMap<>();
		info.headers.forEach((name, values) -> all.put(name, String.join(", ", values)));
		all.putAll(headers);
		return new GraphCall(route, "GET", uri(info), all, null, doing);
	}

	private static URI uri(RequestInformation info) {
		try {
			return info.getUri();
		}
		catch (java.net.URISyntaxException e) {
			throw new IllegalStateException("the SDK built an unusable URL: " + e.getMessage(), e);
		}
	}

}
