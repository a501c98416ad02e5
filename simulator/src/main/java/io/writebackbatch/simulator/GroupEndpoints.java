package io.writebackbatch.simulator;

import java.util.List;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One group: {@code GET /groups/{id}}, {@code GET /groups/{id}/members/$count} and
 * {@code PATCH /groups/{id}} of its {@code writebackConfiguration}, with Graph's
 * validation and permission checks.
 */
record GroupEndpoints(TenantStore store, GroupJson json, RoleAssignable roleAssignable, Permissions permissions,
		AdvancedQueryIndex advancedQueryIndex, Audit audit, Counters counters, ErrorAnswers errors) {

	GraphResponse get(GraphRequest req, String id) {
		counters.count(Counters.Name.GROUP_GETS);
		List<String> select = GroupJson.select(req.query());
		if (select == null) {
			return GroupJson.badSelect(errors, req);
		}
		int s = slotOf(id);
		if (s < 0) {
			return missing(s, id, req);
		}
		ObjectNode o = Json.MAPPER.createObjectNode();
		o.put("@odata.context", GroupJson.context(req, select, true));
		json.write(o, s, select, req.isAdvancedQuery());
		return GraphResponse.json(200, o);
	}

	GraphResponse memberCount(GraphRequest req, String id) {
		counters.count(Counters.Name.MEMBER_COUNTS);
		if (!req.isAdvancedQuery()) {
			return errors.badRequest("$count is not currently supported.", req);
		}
		int s = slotOf(id);
		if (s < 0) {
			return missing(s, id, req);
		}
		return GraphResponse.text(200, Integer.toString(store.groups().members(s)), "text/plain");
	}

	GraphResponse patch(GraphRequest req, String id) {
		counters.count(Counters.Name.GROUP_PATCHES);
		int s = slotOf(id);
		if (s < 0) {
			return missing(s, id, req);
		}
		if (roleAssignable.contains(store.groups().id(s))
				&& !permissions.has(req.bearer(), Permissions.ROLE_MANAGEMENT)) {
			// a role-assignable group: only an app with
			// RoleManagement.ReadWrite.Directory
			// (Entra docs); PrivilegedAccess.ReadWrite.AzureADGroup alone is not enough
			// (the unkind reading of Microsoft's disagreeing sources)
			return errors.denied(req);
		}
		JsonNode body;
		try {
			body = (req.body() == null || req.body().length == 0) ? null : Json.MAPPER.readTree(req.body());
		}
		catch (JacksonException ex) {
			return errors.error(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
					+ "header is set and payload is of valid JSON format.", req);
		}
		if (body == null || !body.isObject()) {
			return errors.error(400, "BadRequest", "Empty Payload. JSON content expected.", req);
		}
		JsonNode w = body.get("writebackConfiguration");
		if (w == null || w.isNull()) {
			// other group properties are accepted and ignored; a null complex value
			// changes nothing (inferred)
			return GraphResponse.empty(204);
		}
		if (!w.isObject()) {
			return errors.error(400, "BadRequest", "Invalid value for property 'writebackConfiguration'.", req);
		}
		return patchWriteback(req, s, id, w.get("isEnabled"), w.get("onPremisesGroupType"));
	}

	private GraphResponse patchWriteback(GraphRequest req, int s, String id, JsonNode en, JsonNode type) {
		if (en != null && !en.isNull() && !en.isBoolean()) {
			return errors.error(400, "BadRequest",
					"Cannot convert the literal '" + en.asString("") + "' to the expected type 'Edm.Boolean'.", req);
		}
		if (type != null && !type.isNull() && !type.isString()) {
			return errors.error(400, "BadRequest", "Invalid value for property 'onPremisesGroupType'.", req);
		}
		byte kind = store.groups().kind(s);
		int typeIdx = -1;
		if (type != null && !type.isNull()) {
			typeIdx = PackedWriteback.typeIndex(type.asString());
			boolean ok = typeIdx > 0 && (kind == GroupColumns.UNIFIED || kind == GroupColumns.SECURITY && typeIdx == 2);
			if (!ok) {
				return errors
					.badRequest("Invalid value specified for property 'onPremisesGroupType' of resource 'Group'.", req);
			}
		}
		if (kind == GroupColumns.DISTRIBUTION && en != null && en.isBoolean() && en.booleanValue()) {
			return errors.badRequest("Writeback is only supported for Microsoft 365 groups and security groups.", req);
		}
		int newType = typeIdx;
		store.updateWriteback(s, (old) -> {
			// a null isEnabled or type leaves the stored value (msgraph-metadata#332)
			Boolean enabled = (en == null || en.isNull()) ? PackedWriteback.enabledOf(old)
					: Boolean.valueOf(en.booleanValue());
			return PackedWriteback.pack(enabled, (newType > 0) ? newType : PackedWriteback.typeIndexOf(old));
		}, (before, after) -> {
			advancedQueryIndex.recordWrite(s, before);
			counters.count(Counters.Name.WRITES_APPLIED);
			audit.record(req.requestId(), "PATCH", id, Audit.wbJson(before), Audit.wbJson(after));
		});
		return GraphResponse.empty(204);
	}

	/** Slot, -1 if no such group, -2 if the id is not a GUID. */
	private int slotOf(String id) {
		try {
			UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return -2;
		}
		return store.slotOf(id);
	}

	private GraphResponse missing(int slot, String id, GraphRequest req) {
		return (slot == -2) ? errors.invalidId(id, req) : errors.notFound(id, req);
	}

}
