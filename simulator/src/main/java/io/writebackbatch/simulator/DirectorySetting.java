package io.writebackbatch.simulator;

import java.util.LinkedHashMap;

/** A directory setting object (directorySetting). Guarded by the tenant store's lock. */
final class DirectorySetting {

	final String id;

	final String displayName;

	final String templateId;

	LinkedHashMap<String, String> values;

	DirectorySetting(String id, String displayName, String templateId, LinkedHashMap<String, String> values) {
		this.id = id;
		this.displayName = displayName;
		this.templateId = templateId;
		this.values = values;
	}

	boolean isGroupUnified() {
		return SettingTemplates.GROUP_UNIFIED_ID.equals(templateId);
	}

}
