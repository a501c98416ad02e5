package io.writebackbatch.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A group as Graph renders it: the properties {@code $select} names (validated), or
 * Graph's default list; at {@link FaultConfig#omittedWritebackRate()}, without its
 * selected {@code writebackConfiguration} (every group object of every answer passes
 * here: listings, {@code GET /groups/{id}}, {@code $batch} GET steps).
 */
record GroupJson(GroupColumns groups, RoleAssignable roleAssignable, AdvancedQueryIndex advancedQueryIndex,
		Controls controls) {

	private static final Set<String> PROPERTIES = Set.of("id", "displayName", "description", "groupTypes", "mail",
			"mailEnabled", "mailNickname", "securityEnabled", "visibility", "createdDateTime", "onPremisesSyncEnabled",
			"writebackConfiguration", "deletedDateTime", "classification", "isAssignableToRole", "renewedDateTime",
			"proxyAddresses", "securityIdentifier", "resourceProvisioningOptions");

	private static final List<String> DEFAULT_PROPERTIES = List.of("id", "deletedDateTime", "classification",
			"createdDateTime", "description", "displayName", "groupTypes", "isAssignableToRole", "mail", "mailEnabled",
			"mailNickname", "onPremisesSyncEnabled", "proxyAddresses", "renewedDateTime", "resourceProvisioningOptions",
			"securityEnabled", "securityIdentifier", "visibility");

	/**
	 * The $select list (validated), the default list if none, or null if a property is
	 * unknown.
	 */
	static List<String> select(Map<String, String> query) {
		String s = query.get("$select");
		if (s == null || s.isBlank()) {
			return DEFAULT_PROPERTIES;
		}
		List<String> out = new ArrayList<>();
		for (String p : s.split(",")) {
			String known = known(p.trim());
			if (known == null) {
				return null;
			}
			if (!out.contains(known)) {
				out.add(known);
			}
		}
		return out;
	}

	/** Graph's answer to a {@code $select} that names an unknown property. */
	static GraphResponse badSelect(ErrorAnswers errors, GraphRequest req) {
		String bad = "";
		for (String p : req.query().get("$select").split(",")) {
			if (known(p.trim()) == null) {
				bad = p.trim();
				break;
			}
		}
		return errors.badRequest("Could not find a property named '" + bad + "' on type 'microsoft.graph.group'.", req);
	}

	private static String known(String property) {
		return PROPERTIES.stream().filter(property::equalsIgnoreCase).findFirst().orElse(null);
	}

	/** {@code @odata.context} of a group list ({@code entity}: of one group). */
	static String context(GraphRequest req, List<String> select, boolean entity) {
		return req.origin() + "/beta/$metadata#groups"
				+ (req.query().containsKey("$select") ? "(" + String.join(",", select) + ")" : "")
				+ (entity ? "/$entity" : "");
	}

	/**
	 * Writes slot {@code s}'s properties; {@code fromIndex}: writeback as the
	 * advanced-query index shows it, else as a plain read (which may lag too).
	 */
	void write(ObjectNode o, int s, List<String> properties, boolean fromIndex) {
		double omitted = controls.faults().omittedWritebackRate();
		boolean leaveOutWriteback = omitted > 0 && ThreadLocalRandom.current().nextDouble() < omitted;
		for (String p : properties) {
			switch (p) {
				case "id" -> o.put(p, groups.id(s));
				case "displayName" -> o.put(p, groups.displayName(s));
				case "description", "deletedDateTime", "classification", "renewedDateTime" -> o.putNull(p);
				case "createdDateTime" -> o.put(p, Instant.ofEpochSecond(groups.createdEpoch(s)).toString());
				case "groupTypes" -> addIf(o.putArray(p), groups.unified(s), "Unified");
				case "mail" -> o.put(p, groups.mail(s));
				case "mailEnabled" -> o.put(p, groups.kind(s) != GroupColumns.SECURITY);
				case "securityEnabled" -> o.put(p, groups.kind(s) == GroupColumns.SECURITY);
				case "mailNickname" -> o.put(p, groups.mailNickname(s));
				case "visibility" -> o.put(p, groups.unified(s) ? (groups.isPrivate(s) ? "Private" : "Public") : null);
				case "onPremisesSyncEnabled" -> o.put(p, groups.sync(s) ? Boolean.TRUE : null);
				case "isAssignableToRole" -> o.put(p, roleAssignable.contains(groups.id(s)) ? Boolean.TRUE : null);
				case "proxyAddresses" -> addIf(o.putArray(p), groups.mail(s) != null, "SMTP:" + groups.mail(s));
				case "securityIdentifier" -> o.put(p, "S-1-12-1-" + Integer.toUnsignedString((int) groups.key(s).hi()));
				case "resourceProvisioningOptions" -> o.putArray(p);
				case "writebackConfiguration" -> {
					if (!leaveOutWriteback) {
						writeback(o.putObject(p), s, fromIndex);
					}
				}
				default -> {
				}
			}
		}
	}

	private void writeback(ObjectNode w, int s, boolean fromIndex) {
		byte stored = groups.writeback(s);
		byte packed = fromIndex ? advancedQueryIndex.asIndexed(s, stored) : advancedQueryIndex.asRead(s, stored);
		w.put("@odata.type", "#microsoft.graph.groupWritebackConfiguration");
		w.put("isEnabled", PackedWriteback.enabledOf(packed));
		w.put("onPremisesGroupType", PackedWriteback.typeOf(packed));
	}

	private static void addIf(ArrayNode array, boolean condition, String value) {
		if (condition) {
			array.add(value);
		}
	}

}
