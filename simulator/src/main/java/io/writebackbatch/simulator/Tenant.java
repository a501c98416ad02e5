package io.writebackbatch.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The simulated directory as tests and the admin API see it: look groups up, and set up
 * the state a test needs (create, delete, set writeback, the Group.Unified setting), each
 * change audited as {@code ADMIN-...}. The groups are in a {@link TenantStore} and the
 * directory settings in {@link DirectorySettings}, under one {@link TenantLock};
 * {@link TenantGenerator} makes a tenant, {@link TenantFile} saves and loads one.
 */
public final class Tenant {

	/** Where changes are audited (set by the simulator). */
	interface Auditor {

		void record(String requestId, String method, String target, String before, String after);

	}

	private final TenantStore store;

	private final DirectorySettings settings;

	private volatile Auditor auditor;

	Tenant(int capacity, long seed) {
		TenantLock lock = new TenantLock();
		this.store = new TenantStore(lock, capacity, seed);
		this.settings = new DirectorySettings(lock);
	}

	/** A deterministic tenant (see {@link TenantGenerator}). */
	static Tenant generate(long seed, int unified, int nonUnified, boolean withGroupUnifiedSetting) {
		return TenantGenerator.generate(seed, unified, nonUnified, withGroupUnifiedSetting);
	}

	/** A tenant saved by {@link #save(Path)}. */
	static Tenant load(Path file, long seed) throws IOException {
		return TenantFile.load(file, seed);
	}

	/** Saves the whole tenant (groups and settings) as JSON lines. */
	void save(Path file) throws IOException {
		TenantFile.save(this, file);
	}

	TenantStore store() {
		return store;
	}

	DirectorySettings settings() {
		return settings;
	}

	void auditor(Auditor auditor) {
		this.auditor = auditor;
	}

	int liveCount() {
		return store.liveCount();
	}

	GroupView view(int s) {
		GroupColumns g = store.groups();
		byte w = g.writeback(s);
		return new GroupView(g.id(s), g.displayName(s), g.unified(s),
				OffsetDateTime.ofInstant(Instant.ofEpochSecond(g.createdEpoch(s)), ZoneOffset.UTC), g.sync(s),
				g.members(s), g.mail(s), PackedWriteback.enabledOf(w), PackedWriteback.typeOf(w));
	}

	/** The group with that id, if it exists (deleted groups do not). */
	public Optional<GroupView> group(String id) {
		int s = store.slotOf(id);
		return (s < 0) ? Optional.empty() : Optional.of(view(s));
	}

	/** A snapshot of all live unified groups, in id order. */
	public List<GroupView> unifiedGroups() {
		List<GroupView> out = new ArrayList<>();
		GroupKey after = null;
		while (true) {
			int[] page = store.page(after, 1000, true);
			for (int s : page) {
				out.add(view(s));
			}
			if (page.length < 1000) {
				return out;
			}
			after = store.groups().key(page[page.length - 1]);
		}
	}

	/** Number of live unified groups. */
	public int unifiedGroupCount() {
		return store.liveUnifiedCount();
	}

	/**
	 * Deletes a group (as if someone else did); false if it did not exist. Audited as
	 * ADMIN-DELETE.
	 */
	public boolean deleteGroup(String id) {
		int s = store.slotOf(id);
		if (s < 0 || !store.delete(s)) {
			return false;
		}
		audit("ADMIN-DELETE", id, Audit.wbJson(store.groups().writeback(s)), null);
		return true;
	}

	/**
	 * Creates a Microsoft 365 group as the portal would (writeback per
	 * NewUnifiedGroupWritebackDefault).
	 */
	public GroupView createUnifiedGroup(String displayName) {
		int s = store.create(displayName, GroupColumns.UNIFIED, settings.newUnifiedGroupWritebackDefault());
		audit("ADMIN-CREATE", store.groups().id(s), null, Audit.wbJson(store.groups().writeback(s)));
		return view(s);
	}

	/** Test setup: sets a group's writeback state directly. Audited as ADMIN-SET. */
	public void setWriteback(String id, Boolean isEnabled, String type) {
		int s = store.slotOf(id);
		if (s < 0) {
			throw new IllegalArgumentException("no group " + id);
		}
		int t = (type != null) ? PackedWriteback.typeIndex(type) : 0;
		if (t < 0) {
			throw new IllegalArgumentException("bad onPremisesGroupType " + type);
		}
		store.updateWriteback(s, (old) -> PackedWriteback.pack(isEnabled, t),
				(before, after) -> audit("ADMIN-SET", id, Audit.wbJson(before), Audit.wbJson(after)));
	}

	/** The values of the Group.Unified directory setting, if the tenant has one. */
	public Optional<Map<String, String>> groupUnifiedSetting() {
		return settings.read((all) -> all.stream()
			.filter(DirectorySetting::isGroupUnified)
			.findFirst()
			.map((st) -> Map.copyOf(st.values)));
	}

	/**
	 * Test setup: creates, replaces (values non-null) or removes (values null) the
	 * Group.Unified setting.
	 */
	public void groupUnifiedSetting(Map<String, String> values) {
		settings.change((all) -> {
			DirectorySetting existing = all.stream().filter(DirectorySetting::isGroupUnified).findFirst().orElse(null);
			String before = (existing != null) ? Audit.valuesJson(existing.values) : null;
			if (values == null) {
				if (existing != null) {
					all.remove(existing);
					audit("ADMIN-DELETE", existing.id, before, null);
				}
				return null;
			}
			LinkedHashMap<String, String> v = SettingTemplates.defaults(SettingTemplates.GROUP_UNIFIED_ID);
			v.putAll(values);
			if (existing == null) {
				existing = new DirectorySetting(UUID.randomUUID().toString(), "Group.Unified",
						SettingTemplates.GROUP_UNIFIED_ID, v);
				all.add(existing);
			}
			else {
				existing.values = v;
			}
			audit("ADMIN-SET", existing.id, before, Audit.valuesJson(v));
			return null;
		});
	}

	private void audit(String method, String target, String before, String after) {
		Auditor a = auditor;
		if (a != null) {
			a.record("admin", method, target, before, after);
		}
	}

}
