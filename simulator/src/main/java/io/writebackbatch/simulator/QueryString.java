package io.writebackbatch.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters decoded like Graph: percent-decoding of names and values, '+' as
 * space.
 */
final class QueryString {

	/** System query options beta accepts without their '$'. */
	private static final Set<String> SYSTEM_OPTIONS = Set.of("select", "filter", "top", "count", "skiptoken", "orderby",
			"expand", "search", "skip");

	private QueryString() {
	}

	static Map<String, String> parse(String raw) {
		Map<String, String> q = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return q;
		}
		for (String part : raw.split("&")) {
			if (part.isEmpty()) {
				continue;
			}
			int eq = part.indexOf('=');
			String k = URLDecoder.decode((eq < 0) ? part : part.substring(0, eq), StandardCharsets.UTF_8);
			String v = (eq < 0) ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
			String norm = k.toLowerCase(Locale.ROOT);
			q.put(SYSTEM_OPTIONS.contains(norm) ? "$" + norm : norm, v);
		}
		return q;
	}

}
