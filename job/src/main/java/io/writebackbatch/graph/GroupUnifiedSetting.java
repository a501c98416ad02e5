package io.writebackbatch.graph;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tenant's Group.Unified directory setting object: its id and its name/value pairs
 * (strings, as Graph has them).
 */
public record GroupUnifiedSetting(String id, Map<String, String> values) {

	public static final String TEMPLATE_ID = "62375ab9-6b52-47ed-826b-58e47e0e304b";

	public static final String NEW_GROUP_WRITEBACK_DEFAULT = "NewUnifiedGroupWritebackDefault";

	public @Nullable String newGroupWritebackDefault() {
		return values.get(NEW_GROUP_WRITEBACK_DEFAULT);
	}
}
