package io.writebackbatch.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.microsoft.graph.beta.models.DirectorySetting;
import com.microsoft.graph.beta.models.DirectorySettingTemplate;
import com.microsoft.graph.beta.models.SettingTemplateValue;
import com.microsoft.graph.beta.models.SettingValue;

/**
 * The tenant-wide Group.Unified setting: read it, create it from its template (with every
 * template default), or change values while preserving the others (Graph replaces the
 * whole values list on PATCH).
 */
public final class DirectorySettings {

	private final GraphConnection connection;

	public DirectorySettings(GraphConnection connection) {
		this.connection = connection;
	}

	/**
	 * The Group.Unified setting object, if the tenant has one; two of them is a conflict
	 * Graph should not allow.
	 */
	public Optional<GroupUnifiedSetting> groupUnified() {
		var response = connection.retriedReads()
			.call("reading the Group.Unified directory setting", () -> connection.client().settings().get());
		if (response == null || response.getValue() == null) {
			throw new GraphAccessException(GraphAccessException.Kind.TRANSIENT, "Graph answered the directory settings "
					+ "without a 'value' array (truncated or not a Graph response); run 'resume'");
		}
		List<GroupUnifiedSetting> found = new ArrayList<>();
		for (DirectorySetting setting : response.getValue()) {
			if (GroupUnifiedSetting.TEMPLATE_ID.equals(setting.getTemplateId())
					|| "Group.Unified".equals(setting.getDisplayName())) {
				found.add(new GroupUnifiedSetting(setting.getId(), values(setting.getValues())));
			}
		}
		if (found.size() > 1) {
			throw new GraphAccessException(GraphAccessException.Kind.INVALID, "the tenant has " + found.size()
					+ " Group.Unified setting objects; remove the duplicates in Entra before running");
		}
		return found.stream().findFirst();
	}

	/** The Group.Unified template's default values, in template order. */
	public Map<String, String> templateDefaults() {
		DirectorySettingTemplate template = connection.retriedReads()
			.call("reading the Group.Unified setting template",
					() -> connection.client()
						.directorySettingTemplates()
						.byDirectorySettingTemplateId(GroupUnifiedSetting.TEMPLATE_ID)
						.get());
		if (template == null || template.getValues() == null) {
			throw new GraphAccessException(GraphAccessException.Kind.TRANSIENT, "Graph answered the Group.Unified "
					+ "template without its values (truncated or not a Graph response); run 'resume'");
		}
		Map<String, String> defaults = new LinkedHashMap<>();
		for (SettingTemplateValue value : template.getValues()) {
			defaults.put(value.getName(), value.getDefaultValue());
		}
		return defaults;
	}

	/**
	 * Creates the Group.Unified object with the given values (all template values, per
	 * Microsoft's guidance).
	 */
	public GroupUnifiedSetting create(Map<String, String> values) {
		DirectorySetting setting = new DirectorySetting();
		setting.setTemplateId(GroupUnifiedSetting.TEMPLATE_ID);
		setting.setValues(settingValues(values));
		try {
			DirectorySetting created = connection.client().settings().post(setting);
			return new GroupUnifiedSetting(created.getId(), values(created.getValues()));
		}
		catch (RuntimeException e) {
			throw GraphErrors.translate(e, "creating the Group.Unified directory setting");
		}
	}

	/**
	 * Replaces the setting's values with {@code values} (the caller passes the full list,
	 * one value changed).
	 */
	public void update(String id, Map<String, String> values) {
		DirectorySetting setting = new DirectorySetting();
		setting.setValues(settingValues(values));
		try {
			connection.client().settings().byDirectorySettingId(id).patch(setting);
		}
		catch (RuntimeException e) {
			throw GraphErrors.translate(e, "updating the Group.Unified directory setting");
		}
	}

	private static Map<String, String> values(List<SettingValue> values) {
		Map<String, String> map = new LinkedHashMap<>();
		if (values != null) {
			values.forEach(v -> map.put(v.getName(), v.getValue()));
		}
		return map;
	}

	private static List<SettingValue> settingValues(Map<String, String> values) {
		List<SettingValue> list = new ArrayList<>();
		values.forEach((name, value) -> {
			SettingValue v = new SettingValue();
			v.setName(name);
			v.setValue(value);
			list.add(v);
		});
		return list;
	}

}
