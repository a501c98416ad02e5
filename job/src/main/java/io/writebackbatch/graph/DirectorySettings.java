package io.writebackbatch.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.microsoft.graph.beta.models.DirectorySetting;
import com.microsoft.graph.beta.models.DirectorySettingCollectionResponse;
import com.microsoft.graph.beta.models.DirectorySettingTemplate;
import com.microsoft.graph.beta.models.SettingTemplateValue;
import com.microsoft.graph.beta.models.SettingValue;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.gateway.GraphGateway;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tenant-wide Group.Unified setting: read it, create it from its template (with every
 * template default), or change values while preserving the others (Graph replaces the
 * whole values list on PATCH). Every call goes through the {@link GraphGateway}; a 403
 * names GroupSettings.ReadWrite.All, the least privileged permission for it.
 */
public final class DirectorySettings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GraphGateway gateway;

	public DirectorySettings(GraphConnection connection) {
		this.gateway = connection.gateway();
	}

	/**
	 * The Group.Unified setting object, if the tenant has one; two of them is a conflict
	 * Graph should not allow.
	 */
	public Optional<GroupUnifiedSetting> groupUnified() {
		DirectorySettingCollectionResponse response = gateway.readWhole(gateway.requests().settings(),
				DirectorySettingCollectionResponse::createFromDiscriminatorValue,
				r -> r.getValue() != null ? null : "the settings' 'value'");
		List<GroupUnifiedSetting> found = new ArrayList<>();
		for (DirectorySetting setting : response.getValue()) {
			if (GroupUnifiedSetting.TEMPLATE_ID.equals(setting.getTemplateId())
					|| "Group.Unified".equals(setting.getDisplayName())) {
				found.add(new GroupUnifiedSetting(setting.getId(), values(setting.getValues())));
			}
		}
		if (found.size() > 1) {
			throw new GraphAccessException(FailureKind.INVALID_INPUT, "the tenant has " + found.size()
					+ " Group.Unified setting objects; remove the duplicates in Entra before running");
		}
		return found.stream().findFirst();
	}

	/** The Group.Unified template's default values, in template order. */
	public Map<String, String> templateDefaults() {
		DirectorySettingTemplate template = gateway.readWhole(
				gateway.requests().settingTemplate(GroupUnifiedSetting.TEMPLATE_ID),
				DirectorySettingTemplate::createFromDiscriminatorValue,
				t -> t.getValues() != null ? null : "the template's 'values'");
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
		ObjectNode body = JSON.createObjectNode();
		body.put("templateId", GroupUnifiedSetting.TEMPLATE_ID);
		body.set("values", settingValues(values));
		DirectorySetting created = gateway.readWhole(gateway.requests().createSetting(JSON.writeValueAsString(body)),
				DirectorySetting::createFromDiscriminatorValue, s -> s.getId() != null ? null : "the new setting's id");
		return new GroupUnifiedSetting(created.getId(), values(created.getValues()));
	}

	/**
	 * Replaces the setting's values with {@code values} (the caller passes the full list,
	 * one value changed).
	 */
	public void update(String id, Map<String, String> values) {
		ObjectNode body = JSON.createObjectNode();
		body.set("values", settingValues(values));
		gateway.send(gateway.requests().updateSetting(id, JSON.writeValueAsString(body)), answer -> Boolean.TRUE);
	}

	private static Map<String, String> values(List<SettingValue> values) {
		Map<String, String> map = new LinkedHashMap<>();
		if (values != null) {
			values.forEach(v -> map.put(v.getName(), v.getValue()));
		}
		return map;
	}

	private static ArrayNode settingValues(Map<String, String> values) {
		ArrayNode list = JSON.createArrayNode();
		values.forEach((name, value) -> list.addObject().put("name", name).put("value", value));
		return list;
	}

}
