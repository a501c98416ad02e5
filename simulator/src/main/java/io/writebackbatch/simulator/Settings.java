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
final class Settings {
    private Settings() {
    }

    static GraphSimulator.Resp templates(GraphSimulator sim, GraphSimulator.Req req, String[] seg) {
        if (!req.method().equals("GET")) {
            return sim.settingsError(405, "Request_BadRequest", "The request method '" + req.method()
                    + "' is not supported.", req);
        }
        if (seg.length == 1) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("@odata.context", req.origin() + "/beta/$metadata#directorySettingTemplates");
            ArrayNode v = root.putArray("value");
            for (SettingTemplates.Template t : SettingTemplates.ALL) {
                template(v.addObject(), t);
            }
            return GraphSimulator.Resp.json(200, root);
        }
        SettingTemplates.Template t = SettingTemplates.byId(seg[1]);
        if (t == null || seg.length > 2) {
            return sim.settingNotFound(seg[1], req);
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("@odata.context", req.origin() + "/beta/$metadata#directorySettingTemplates/$entity");
        template(o, t);
        return GraphSimulator.Resp.json(200, o);
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

    static GraphSimulator.Resp handle(GraphSimulator sim, GraphSimulator.Req req, String[] seg) {
        Tenant tenant = sim.tenant();
        String m = req.method();
        if (seg.length == 1 && m.equals("GET")) {
            tenant.lock.readLock().lock();
            try {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("@odata.context", req.origin() + "/beta/$metadata#settings");
                ArrayNode v = root.putArray("value");
                for (Tenant.Setting s : tenant.settings()) {
                    setting(v.addObject(), s);
                }
                return GraphSimulator.Resp.json(200, root);
            } finally {
                tenant.lock.readLock().unlock();
            }
        }
        if (seg.length == 1 && m.equals("POST")) {
            return create(sim, req);
        }
        if (seg.length != 2) {
            return sim.settingsError(400, "BadRequest", "Resource not found for the segment '" + seg[seg.length - 1]
                    + "'.", req);
        }
        String id = seg[1];
        tenant.lock.writeLock().lock();
        try {
            Tenant.Setting s = tenant.settings().stream().filter(x -> x.id.equalsIgnoreCase(id)).findFirst()
                    .orElse(null);
            if (s == null) {
                return sim.settingNotFound(id, req);
            }
            switch (m) {
                case "GET" -> {
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    o.put("@odata.context", req.origin() + "/beta/$metadata#settings/$entity");
                    setting(o, s);
                    return GraphSimulator.Resp.json(200, o);
                }
                case "DELETE" -> {
                    tenant.settings().remove(s);
                    sim.auditLog().record(req.requestId(), "DELETE", s.id, Audit.valuesJson(s.values), null);
                    sim.countAdmin("writesApplied");
                    return GraphSimulator.Resp.empty(204);
                }
                case "PATCH" -> {
                    JsonNode body = parse(req);
                    if (body == null) {
                        return sim.settingsError(400, "BadRequest", "Empty Payload. JSON content expected.", req);
                    }
                    JsonNode values = body.get("values");
                    if (values == null) {
                        return GraphSimulator.Resp.empty(204);
                    }
                    LinkedHashMap<String, String> parsed = new LinkedHashMap<>();
                    String problem = parseValues(values, s.templateId, parsed);
                    if (problem != null) {
                        return sim.settingsError(400, "Request_BadRequest", problem, req);
                    }
                    String before = Audit.valuesJson(s.values);
                    s.values = parsed; // a collection property: the list sent replaces the stored list
                    sim.auditLog().record(req.requestId(), "PATCH", s.id, before, Audit.valuesJson(parsed));
                    sim.countAdmin("writesApplied");
                    return GraphSimulator.Resp.empty(204);
                }
                default -> {
                    return sim.settingsError(405, "Request_BadRequest", "The request method '" + m
                            + "' is not supported.", req);
                }
            }
        } finally {
            tenant.lock.writeLock().unlock();
        }
    }

    private static GraphSimulator.Resp create(GraphSimulator sim, GraphSimulator.Req req) {
        JsonNode body = parse(req);
        if (body == null || !body.isObject()) {
            return sim.settingsError(400, "BadRequest", "Empty Payload. JSON content expected.", req);
        }
        String templateId = body.path("templateId").asString("");
        SettingTemplates.Template t = SettingTemplates.byId(templateId);
        if (t == null) {
            return sim.settingsError(400, "Request_BadRequest",
                    "Invalid value specified for property 'templateId' of resource 'DirectorySetting'.", req);
        }
        LinkedHashMap<String, String> values = SettingTemplates.defaults(t.id());
        LinkedHashMap<String, String> given = new LinkedHashMap<>();
        String problem = parseValues(body.path("values"), t.id(), given);
        if (problem != null) {
            return sim.settingsError(400, "Request_BadRequest", problem, req);
        }
        values.putAll(given); // values not sent take the template defaults
        Tenant tenant = sim.tenant();
        tenant.lock.writeLock().lock();
        try {
            boolean exists = tenant.settings().stream().anyMatch(s -> s.templateId.equalsIgnoreCase(t.id()));
            if (exists) {
                return sim.settingsError(400, "Request_BadRequest",
                        "A conflicting object with one or more of the specified property values is present in the directory.",
                        req);
            }
            Tenant.Setting s = new Tenant.Setting(UUID.randomUUID().toString(), t.displayName(), t.id(), values);
            tenant.settings().add(s);
            sim.auditLog().record(req.requestId(), "POST", s.id, null, Audit.valuesJson(values));
            sim.countAdmin("writesApplied");
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("@odata.context", req.origin() + "/beta/$metadata#settings/$entity");
            setting(o, s);
            return GraphSimulator.Resp.json(201, o)
                    .header("Location", req.origin() + "/beta/settings/" + s.id);
        } finally {
            tenant.lock.writeLock().unlock();
        }
    }

    private static JsonNode parse(GraphSimulator.Req req) {
        try {
            return req.body() == null || req.body().length == 0 ? null : Json.MAPPER.readTree(req.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Fills {@code out}; returns an error message or null. Names must be in the template; values strings. */
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
            SettingTemplates.Value def = t.values().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst()
                    .orElse(null);
            if (def == null) {
                return "Setting '" + name + "' is not defined by template '" + t.displayName() + "'.";
            }
            JsonNode val = v.get("value");
            if (val != null && !val.isNull() && !val.isString()) {
                return "Invalid value specified for property 'value' of setting '" + def.name() + "'.";
            }
            String s = val == null || val.isNull() ? null : val.asString();
            if (def.type().equals("System.Boolean") && s != null
                    && !s.toLowerCase(Locale.ROOT).matches("true|false")) {
                return "Invalid value specified for setting '" + def.name() + "': '" + s + "' is not a boolean.";
            }
            out.put(def.name(), s);
        }
        return null;
    }

    private static void setting(ObjectNode o, Tenant.Setting s) {
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
