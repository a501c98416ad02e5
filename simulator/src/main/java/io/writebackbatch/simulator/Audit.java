package io.writebackbatch.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/** The audit log: in memory, optionally appended to a JSON-lines file. */
final class Audit implements Tenant.Auditor, AutoCloseable {

	private final List<AuditEntry> entries = new ArrayList<>();

	private final BufferedWriter file;

	Audit(Path path) {
		try {
			if (path != null) {
				Path parent = path.toAbsolutePath().getParent();
				if (parent != null) {
					Files.createDirectories(parent);
				}
				file = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			else {
				file = null;
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void record(String requestId, String method, String target, String before, String after) {
		AuditEntry e = new AuditEntry(Instant.now(), requestId, method, target, before, after);
		synchronized (this) {
			entries.add(e);
			if (file != null) {
				try {
					file.write(toJson(e));
					file.write('\n');
					file.flush();
				}
				catch (IOException ex) {
					// keep serving: the in-memory log still has it
				}
			}
		}
	}

	synchronized List<AuditEntry> snapshot() {
		return List.copyOf(entries);
	}

	synchronized void clear() {
		entries.clear();
	}

	static String toJson(AuditEntry e) {
		ObjectNode o = Json.MAPPER.createObjectNode();
		o.put("time", e.time().toString());
		o.put("requestId", e.requestId());
		o.put("method", e.method());
		o.put("target", e.target());
		o.set("before", e.before() == null ? o.nullNode() : Json.MAPPER.readTree(e.before()));
		o.set("after", e.after() == null ? o.nullNode() : Json.MAPPER.readTree(e.after()));
		return Json.MAPPER.writeValueAsString(o);
	}

	/**
	 * A group's {@code writebackConfiguration}:
	 * {@code {"isEnabled":..,"onPremisesGroupType":..}}.
	 */
	static String wbJson(byte packed) {
		ObjectNode o = Json.MAPPER.createObjectNode();
		o.put("isEnabled", PackedWriteback.enabledOf(packed));
		o.put("onPremisesGroupType", PackedWriteback.typeOf(packed));
		return Json.MAPPER.writeValueAsString(o);
	}

	static String valuesJson(Map<String, String> values) {
		ObjectNode o = Json.MAPPER.createObjectNode();
		values.forEach(o::put);
		return Json.MAPPER.writeValueAsString(o);
	}

	@Override
	public synchronized void close() {
		if (file != null) {
			try {
				file.close();
			}
			catch (IOException ignored) {
				// closing
			}
		}
	}

}
