package io.writebackbatch.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /beta/settings} and {@code /beta/directorySettingTemplates}. */
record Settings(DirectorySettings directory, Audit audit, Counters counters, ErrorAnswers errors) {

	GraphResponse templates(GraphRequest req, String[] seg) {
		if (!req.method().equals("GET")) {
			return errors.methodNotSupported(req);
		}
		if (seg.length == 1) {
			ObjectNode root = Json.MAPPER.createObjectNode();
			root.put("@odata.context", req.origin() + "/beta/$metadata#directorySettingTemplates");
			ArrayNode v = root.putArray("value");
			for (SettingTemplates.Template t : SettingTemplates.ALL) {
				template(v.addObject(), t);
			}
			return GraphResponse.json(200, root);
		}
		SettingTemplates.Template t = SettingTemplates.byId(seg[1]);
		if (t == null || seg.length > 2) {
			return errors.notFound(seg[1], req);
		}
		ObjectNode o = Json.MAPPER.createObjectNode();
		o.put("@odata.context", req.origin() + "/beta/$metadata#directorySettingTemplates/$entity");
		template(o, t);
		return GraphResponse.json(200, o);
	}

	private static void template(ObjectNode o, SettingTemplates.Template t) {
		o.put("id", t.id());
		o.putNull("deletedDateTime");
		o.put("displayName", t.displayName());
		o.put("description", t.description());
		ArrayNode vals = o.putArray("values");
		for (SettingTemplates.Value v : t.values()) {
			ObjectNode x = vals.addObject();
			x.put("name", v.name());
			x.put("type", v.type());
			x.put("defaultValue", v.defaultValue());
			x.put("description", v.description());
		}
	}

	GraphResponse settings(GraphRequest req, String[] seg) {
		String m = req.method();
		if (seg.length == 1 && m.equals("GET")) {
			return directory.read(all -> {
				ObjectNode root = Json.MAPPER.createObjectNode();
				root.put("@odata.context", req.origin() + "/beta/$metadata#settings");
				ArrayNode v = root.putArray("value");
				for (DirectorySetting s : all) {
					setting(v.addObject(), s);
				}
				return GraphResponse.json(200, root);
			});
		}
		if (seg.length == 1 && m.equals("POST")) {
			return create(req);
		}
		if (seg.length != 2) {
			return errors.error(400, "BadRequest", "Resource not found for the segment '" + seg[seg.length - 1] + "'.",
					req);
		}
		String id = seg[1];
		return directory.change(all -> {
			DirectorySetting s = all.stream().filter(x -> x.id.equalsIgnoreCase(id)).findFirst().orElse(null);
			if (s == null) {
				return errors.notFound(id, req);
			}
			switch (m) {
				case "GET" -> {
					ObjectNode o = Json.MAPPER.createObjectNode();
					o.put("@odata.context", req.origin() + "/beta/$metadata#settings/$entity");
					setting(o, s);
					return GraphResponse.json(200, o);
				}
				case "DELETE" -> {
					all.remove(s);
					audit.record(req.requestId(), "DELETE", s.id, Audit.valuesJson(s.values), null);
					counters.count(Counters.Name.WRITES_APPLIED);
					return GraphResponse.empty(204);
				}
				case "PATCH" -> {
					return patch(req, s);
				}
				default -> {
					return errors.methodNotSupported(req);
				}
			}
		});
	}

	/** Under the lock: the values sent replace the stored ones. */
	private GraphResponse patch(GraphRequest req, DirectorySetting s) {
		JsonNode body = parse(req);
		if (body == null) {
			return errors.error(400, "BadRequest", "Empty Payload. JSON content expected.", req);
		}
		JsonNode values = body.get("values");
		if (values == null) {
			return GraphResponse.empty(204);
		}
		LinkedHashMap<String, String> parsed = new LinkedHashMap<>();
		String problem = parseValues(values, s.templateId, parsed);
		if (problem != null) {
			return errors.error(400, "Request_BadRequest", problem, req);
		}
		String before = Audit.valuesJson(s.values);
		s.values = parsed; // a collection property: the list sent replaces the stored
							// list
		audit.record(req.requestId(), "PATCH", s.id, before, Audit.valuesJson(parsed));
		counters.count(Counters.Name.WRITES_APPLIED);
		return GraphResponse.empty(204);
	}

	private GraphResponse create(GraphRequest req) {
		JsonNode body = parse(req);
		if (body == null || !body.isObject()) {
			return errors.error(400, "BadRequest", "Empty Payload. JSON content expected.", req);
		}
		String templateId = body.path("templateId").asString("");
		SettingTemplates.Template t = SettingTemplates.byId(templateId);
		if (t == null) {
			return errors.error(400, "Request_BadRequest",
					"Invalid value specified for property 'templateId' of resource 'DirectorySetting'.", req);
		}
		LinkedHashMap<String, String> values = SettingTemplates.defaults(t.id());
		LinkedHashMap<String, String> given = new LinkedHashMap<>();
		String problem = parseValues(body.path("values"), t.id(), given);
		if (problem != null) {
			return errors.error(400, "Request_BadRequest", problem, req);
		}
		values.putAll(given); // values not sent take the template defaults
		return directory.change(all -> {
			if (all.stream().anyMatch(s -> s.templateId.equalsIgnoreCase(t.id()))) {
				return errors.error(400, "Request_BadRequest",
						"A conflicting object with one or more of the specified property values is present in the directory.",
						req);
			}
			DirectorySetting s = new DirectorySetting(UUID.randomUUID().toString(), t.displayName(), t.id(), values);
			all.add(s);
			audit.record(req.requestId(), "POST", s.id, null, Audit.valuesJson(values));
			counters.count(Counters.Name.WRITES_APPLIED);
			ObjectNode o = Json.MAPPER.createObjectNode();
			o.put("@odata.context", req.origin() + "/beta/$metadata#settings/$entity");
			setting(o, s);
			return GraphResponse.json(201, o).header("Location", req.origin() + "/beta/settings/" + s.id);
		});
	}

	private static JsonNode parse(GraphRequest req) {
		try {
			return req.body() == null || req.body().length == 0 ? null : Json.MAPPER.readTree(req.body());
		}
		catch (JacksonException e) {
			return null;
		}
	}

	/**
	 * Fills {@code out}; returns an error message or null. Names must be in the template;
	 * values strings.
	 */
	private static String parseValues(JsonNode values, String templateId, Map<String, String> out) {
		if (values.isMissingNode() || values.isNull()) {
			return null;
		}
		if (!values.isArray()) {
			return "Invalid value specified for property 'values' of resource 'DirectorySetting'.";
		}
		SettingTemplates.Template t = SettingTemplates.byId(templateId);
		for (JsonNode v : values) {
			String name = v.path("name").asString("");
			SettingTemplates.Value def = t.values()
				.stream()
				.filter(x -> x.name().equalsIgnoreCase(name))
				.findFirst()
				.orElse(null);
			if (def == null) {
				return "Setting '" + name + "' is not defined by template '" + t.displayName() + "'.";
			}
			JsonNode val = v.get("value");
			if (val != null && !val.isNull() && !val.isString()) {
				return "Invalid value specified for property 'value' of setting '" + def.name() + "'.";
			}
			String s = val == null || val.isNull() ? null : val.asString();
			if (def.type().equals("System.Boolean") && s != null && !s.toLowerCase(Locale.ROOT).matches("true|false")) {
				return "Invalid value specified for setting '" + def.name() + "': '" + s + "' is not a boolean.";
			}
			out.put(def.name(), s);
		}
		return null;
	}

	private static void setting(ObjectNode o, DirectorySetting s) {
		o.put("id", s.id);
		o.put("displayName", s.displayName);
		o.put("templateId", s.templateId);
		ArrayNode vals = o.putArray("values");
		s.values.forEach((k, v) -> {
			ObjectNode x = vals.addObject();
			x.put("name", k);
			x.put("value", v);
		});
	}
}
