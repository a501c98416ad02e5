package io.writebackbatch.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.writebackbatch.domain.GroupSnapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One row per group and run: Graph (or a gateway replaying a page) can list a group
 * twice; the later listing wins, as it does across chunks where the staging upsert
 * replaces the row. Without this a chunk holding both would fail on the primary key, and
 * fail again on every resume.
 */
final class DistinctGroups {

	private static final Logger log = LoggerFactory.getLogger(DistinctGroups.class);

	private DistinctGroups() {
	}

	static List<GroupSnapshot> latestOfEach(List<? extends GroupSnapshot> groups) {
		Map<String, GroupSnapshot> byId = new LinkedHashMap<>();
		for (GroupSnapshot group : groups) {
			if (byId.put(group.id(), group) != null) {
				log.warn("inventory: Graph listed group {} twice; its later listing is kept", group.id());
			}
		}
		return byId.size() == groups.size() ? List.copyOf(groups) : new ArrayList<>(byId.values());
	}

}
