package io.writebackbatch.report;

import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.ReasonCode;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the groups the report's table lists (every planned change, failure, conflict
 * and drift) as compact JSON for a {@code <script type="application/json">}: an array of
 * rows, each {@code [name, id, before, after, reasonCode,
 * outcome, reason, error]}, where the repetitive columns are indexes into one dictionary
 * written after the rows. {@code <}, {@code >} and {@code &} are escaped, so no group
 * name can end the script element.
 */
class ReportRows {

	/**
	 * Skipped groups the table lists beside the changes: someone else changed them since
	 * (the run or the plan).
	 */
	static final Set<ReasonCode> LISTED_SKIPS = EnumSet.of(ReasonCode.CONFLICT, ReasonCode.DRIFTED_SINCE_PLAN);

	/**
	 * Column order of a row; the page's script reads the same names from the dictionary.
	 */
	static final List<String> CODED = List.of("before", "after", "reasonCode", "outcome", "reason");

	private final JsonMapper json = JsonMapper.builder(JsonFactory.builder().characterEscapes(new HtmlSafe()).build())
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.build();

	private final StagingRepository staging;

	ReportRows(StagingRepository staging) {
		this.staging = staging;
	}

	/**
	 * The values met so far in each coded column, in order of first use: a row holds
	 * their index.
	 */
	static final class Dictionary {

		private final Map<String, Map<String, Integer>> columns = new LinkedHashMap<>();

		Dictionary() {
			CODED.forEach(column -> columns.put(column, new LinkedHashMap<>()));
		}

		int code(String column, String value) {
			Map<String, Integer> values = Objects.requireNonNull(columns.get(column), "a coded column");
			return values.computeIfAbsent(value, v -> values.size());
		}

		Map<String, List<String>> asLists() {
			Map<String, List<String>> lists = new LinkedHashMap<>();
			columns.forEach((column, values) -> lists.put(column, new ArrayList<>(values.keySet())));
			return lists;
		}

	}

	/**
	 * Writes the rows of {@code runId} to {@code out} and returns the dictionary they
	 * use.
	 */
	Dictionary writeRows(long runId, boolean applied, Writer out) {
		Dictionary dictionary = new Dictionary();
		try (JsonGenerator generator = json.createGenerator(out)) {
			generator.writeStartArray();
			staging.forEach(runId, g -> {
				if (g.decision() == Decision.CHANGE || isListedSkip(g.reasonCode())) {
					writeRow(generator, dictionary, g, applied);
				}
			});
			generator.writeEndArray();
		}
		return dictionary;
	}

	private static boolean isListedSkip(@Nullable ReasonCode reasonCode) {
		return reasonCode != null && LISTED_SKIPS.contains(reasonCode);
	}

	void writeDictionary(Dictionary dictionary, Writer out) {
		json.writeValue(out, dictionary.asLists());
	}

	private static void writeRow(JsonGenerator out, Dictionary dictionary, StagedGroup g, boolean applied) {
		Writeback after = g.target() == null || (applied && g.outcome() != Outcome.UPDATED) ? g.previous()
				: g.previous().patchedWith(g.target());
		out.writeStartArray();
		out.writeString(g.displayName());
		out.writeString(g.groupId());
		out.writeNumber(dictionary.code("before", EffectiveWriteback.of(g.previous()).describe()));
		out.writeNumber(dictionary.code("after", EffectiveWriteback.of(after).describe()));
		out.writeNumber(dictionary.code("reasonCode", String.valueOf(g.reasonCode())));
		out.writeNumber(dictionary.code("outcome", outcome(g, applied)));
		out.writeNumber(dictionary.code("reason", String.valueOf(g.reason())));
		out.writeString(g.errorCode() == null ? "" : g.errorCode() + ": " + g.errorMessage());
		out.writeEndArray();
	}

	private static String outcome(StagedGroup g, boolean applied) {
		if (g.decision() != Decision.CHANGE) {
			return "left alone";
		}
		if (g.outcome() != null) {
			return g.outcome().name();
		}
		return applied ? "pending" : "planned";
	}

	/** Escapes the characters that could close or confuse the HTML around the JSON. */
	private static final class HtmlSafe extends CharacterEscapes {

		private final int[] escapes;

		HtmlSafe() {
			escapes = standardAsciiEscapesForJSON();
			escapes['<'] = ESCAPE_STANDARD;
			escapes['>'] = ESCAPE_STANDARD;
			escapes['&'] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return escapes;
		}

		@Override
		public @Nullable SerializableString getEscapeSequence(int ch) {
			return null;
		}

	}

}
