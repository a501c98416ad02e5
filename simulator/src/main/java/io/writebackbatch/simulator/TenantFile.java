package io.writebackbatch.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.ObjectWriter;

/**
 * The tenant file: JSON lines, a header (format and directory settings), then one line
 * per live group. A generated group's name is its number {@code n}; a created group's is
 * its {@code displayName}.
 */
final class TenantFile {

	static final String FORMAT = "graph-simulator-tenant/1";

	/** The first line. */
	record Header(String format, List<SettingLine> settings) {
	}

	/** A directory setting in the header. */
	record SettingLine(String id, String displayName, String templateId, LinkedHashMap<String, String> values) {
	}

	/** One group. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record GroupLine(String id, int kind, Integer n, String displayName, long created, int members, int flags, int wb) {

		static GroupLine of(GroupRecord g) {
			boolean custom = g.customName() != null;
			return new GroupLine(g.key().toString(), g.kind(), custom ? null : g.nameNo(), g.customName(),
					g.createdEpoch(), g.members(), g.flags(), g.writeback());
		}

		GroupRecord toRecord() {
			return new GroupRecord(GroupKey.parse(id), (byte) kind, (n != null) ? n : -1, displayName, created, members,
					(byte) flags, (byte) wb);
		}

	}

	private TenantFile() {
	}

	static void save(Tenant tenant, Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			write(tenant, w);
		}
	}

	/**
	 * Writes the header and every live group, each group read under the tenant's lock.
	 */
	static void write(Tenant tenant, Writer w) throws IOException {
		List<SettingLine> settings = tenant.settings()
			.read((all) -> all.stream()
				.map((s) -> new SettingLine(s.id, s.displayName, s.templateId, new LinkedHashMap<>(s.values)))
				.toList());
		ObjectWriter json = Json.MAPPER.writer();
		w.write(json.writeValueAsString(new Header(FORMAT, settings)));
		w.write('\n');
		List<IOException> failed = new ArrayList<>(1);
		GroupColumns groups = tenant.store().groups();
		tenant.store().forEachLive((s) -> {
			try {
				w.write(json.writeValueAsString(GroupLine.of(groups.record(s))));
				w.write('\n');
			}
			catch (IOException ex) {
				failed.add(ex);
			}
		});
		if (!failed.isEmpty()) {
			throw failed.get(0);
		}
	}

	/** Loads a tenant written by {@link #save}. */
	static Tenant load(Path file, long seed) throws IOException {
		List<GroupRecord> groups = new ArrayList<>();
		Header header;
		try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String first = r.readLine();
			header = (first != null) ? Json.MAPPER.readValue(first, Header.class) : null;
			if (header == null || !FORMAT.equals(header.format())) {
				throw new IOException("not a simulator tenant file: " + file);
			}
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				if (!line.isBlank()) {
					groups.add(Json.MAPPER.readValue(line, GroupLine.class).toRecord());
				}
			}
		}
		groups.sort(Comparator.comparing(GroupRecord::key));
		Tenant tenant = new Tenant(Math.max(16, groups.size() + 16), seed);
		groups.forEach(tenant.store()::appendSorted);
		List<SettingLine> settings = (header.settings() != null) ? header.settings() : List.of();
		tenant.settings()
			.change((all) -> all.addAll(settings.stream()
				.map((s) -> new DirectorySetting(s.id(), s.displayName(), s.templateId(), s.values()))
				.toList()));
		return tenant;
	}

}
