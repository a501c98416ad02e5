package io.writebackbatch.simulator;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The directory setting templates served by {@code GET /beta/directorySettingTemplates}.
 * Group.Unified carries the names, types and defaults of the real template (id
 * 62375ab9-6b52-47ed-826b-58e47e0e304b; see
 * https://learn.microsoft.com/graph/group-directory-settings); descriptions are
 * paraphrased.
 */
final class SettingTemplates {

	static final String GROUP_UNIFIED_ID = "62375ab9-6b52-47ed-826b-58e47e0e304b";
	static final String GROUP_UNIFIED_GUEST_ID = "08d542b9-071f-4e16-94b0-74abb372e3d9";

	record Value(String name, String type, String defaultValue, String description) {
	}

	record Template(String id, String displayName, String description, List<Value> values) {
	}

	static final List<Template> ALL = List.of(new Template(GROUP_UNIFIED_ID, "Group.Unified",
			"Setting templates define the settings that can be used for Unified Groups (Microsoft 365 groups).",
			List.of(new Value("NewUnifiedGroupWritebackDefault", "System.Boolean", "true",
					"Default value of the writeback (IsWritebackEnabled) property of newly created Unified Groups."),
					new Value("EnableMIPLabels", "System.Boolean", "false",
							"Whether Microsoft Information Protection sensitivity labels can be assigned to Unified Groups."),
					new Value("CustomBlockedWordsList", "System.String", "",
							"Comma-separated list of blocked words for Unified Group displayName and mailNickName."),
					new Value("EnableMSStandardBlockedWords", "System.Boolean", "false",
							"Whether the Microsoft standard list of blocked words applies to Unified Group names."),
					new Value("ClassificationDescriptions", "System.String", "",
							"Comma-separated 'Value:Description' strings describing the entries of ClassificationList."),
					new Value("DefaultClassification", "System.String", "",
							"Classification applied by default when a Unified Group is created."),
					new Value("PrefixSuffixNamingRequirement", "System.String", "",
							"Format string of the prefixes and suffixes applied to Unified Group names."),
					new Value("AllowGuestsToBeGroupOwner", "System.Boolean", "false",
							"Whether guest users may be owners of Unified Groups."),
					new Value("AllowGuestsToAccessGroups", "System.Boolean", "true",
							"Whether guest users may access Unified Groups and their resources."),
					new Value("GuestUsageGuidelinesUrl", "System.String", "",
							"Link to the group usage guidelines shown to guests."),
					new Value("GroupCreationAllowedGroupId", "System.Guid", "",
							"Id of the security group whose members may always create Unified Groups."),
					new Value("AllowToAddGuests", "System.Boolean", "true",
							"Whether guest users may be added to Unified Groups."),
					new Value("UsageGuidelinesUrl", "System.String", "", "Link to the group usage guidelines."),
					new Value("ClassificationList", "System.String", "",
							"Comma-separated list of the classification values that can be applied to Unified Groups."),
					new Value("EnableGroupCreation", "System.Boolean", "true",
							"Whether all users may create Unified Groups."))),
			new Template(GROUP_UNIFIED_GUEST_ID, "Group.Unified.Guest", "Settings for a specific Unified Group.",
					List.of(new Value("AllowToAddGuests", "System.Boolean", "true",
							"Whether guest users may be added to this Unified Group."))));

	private SettingTemplates() {
	}

	static Template byId(String id) {
		for (Template t : ALL) {
			if (t.id().equalsIgnoreCase(id)) {
				return t;
			}
		}
		return null;
	}

	static LinkedHashMap<String, String> defaults(String templateId) {
		LinkedHashMap<String, String> m = new LinkedHashMap<>();
		for (Value v : byId(templateId).values()) {
			m.put(v.name(), v.defaultValue());
		}
		return m;
	}

}
