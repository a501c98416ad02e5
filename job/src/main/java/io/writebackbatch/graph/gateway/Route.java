package io.writebackbatch.graph.gateway;

import io.writebackbatch.graph.GraphPermissions;

/**
 * Every kind of request the job sends to Graph. Each names what it does (for messages),
 * the permission a 403 on it asks for, and whether the gateway sends it again after "no
 * answer". A route added here is served by {@link GraphGateway} and meets every bad
 * answer in the route-by-answer tests without writing a test.
 */
public enum Route {

	/** The first page of the unified-group listing. */
	LIST_GROUPS("listing unified groups", GraphPermissions.GROUP_READ + " (or " + GraphPermissions.GROUP_WRITE + ")",
			Retry.YES),
	/** A page behind an {@code @odata.nextLink}. */
	NEXT_PAGE("listing unified groups (next page)",
			GraphPermissions.GROUP_READ + " (or " + GraphPermissions.GROUP_WRITE + ")", Retry.YES),
	/** The unified groups created since an instant (incremental inventory). */
	CREATED_SINCE("listing unified groups created since the last run",
			GraphPermissions.GROUP_READ + " (or " + GraphPermissions.GROUP_WRITE + ")", Retry.YES),
	/** {@code /groups/$count}: progress and ETA only, so one attempt. */
	COUNT_GROUPS("counting unified groups", GraphPermissions.GROUP_READ + " (or " + GraphPermissions.GROUP_WRITE + ")",
			Retry.NO),
	/** {@code /groups/{id}/members/$count} (the member audit). */
	MEMBER_COUNT("counting a group's members",
			GraphPermissions.MEMBER_READ + " (or " + GraphPermissions.GROUP_READ + ")", Retry.YES),
	/** GETs of groups by id in a {@code $batch} (apply --plan, incremental re-read). */
	BATCH_READ("re-reading groups by id", GraphPermissions.GROUP_READ + " (or " + GraphPermissions.GROUP_WRITE + ")",
			Retry.YES),
	/** PATCHes of writebackConfiguration in a {@code $batch}. */
	BATCH_WRITE("applying writeback changes", GraphPermissions.GROUP_WRITE, Retry.YES),
	/**
	 * {@code GET /organization}: which tenant an opaque token is for, asked before
	 * anything else is read or written.
	 */
	READ_ORGANIZATION("asking Graph which tenant the token is for (GET /organization)",
			GraphPermissions.ORGANIZATION_READ, Retry.YES),
	/** {@code GET /settings}. */
	READ_SETTINGS("reading the Group.Unified directory setting", GraphPermissions.SETTINGS_ADVICE, Retry.YES),
	/** {@code GET /directorySettingTemplates/{id}}. */
	READ_SETTING_TEMPLATE("reading the Group.Unified setting template", GraphPermissions.SETTINGS_ADVICE, Retry.YES),
	/**
	 * {@code POST /settings}: not sent again after "no answer" (a second object would be
	 * a conflict); the next run reads the settings first.
	 */
	CREATE_SETTING("creating the Group.Unified directory setting", GraphPermissions.SETTINGS_ADVICE, Retry.NO),
	/** {@code PATCH /settings/{id}} with the full values list (idempotent). */
	UPDATE_SETTING("updating the Group.Unified directory setting", GraphPermissions.SETTINGS_ADVICE, Retry.YES);

	enum Retry {

		YES, NO

	}

	private final String doing;

	private final String permission;

	private final Retry retry;

	Route(String doing, String permission, Retry retry) {
		this.doing = doing;
		this.permission = permission;
		this.retry = retry;
	}

	/** What the request does, for messages ("listing unified groups"). */
	public String doing() {
		return doing;
	}

	/** The permission a 403 on this route asks for. */
	public String permission() {
		return permission;
	}

	boolean retried() {
		return retry == Retry.YES;
	}

	/** True for the routes that travel inside a {@code $batch} envelope. */
	public boolean batched() {
		return this == BATCH_READ || this == BATCH_WRITE;
	}

}
