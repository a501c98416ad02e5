package io.writebackbatch.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers and Graph's error bodies. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final DateTimeFormatter INNER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private Json() {
	}

	/** {@code innerError.date}: UTC, no zone, second precision (as Graph sends it). */
	static String innerDate() {
		return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(INNER_DATE);
	}

	/**
	 * Graph's error body:
	 * {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}.
	 */
	static ObjectNode error(String code, String message, String requestId, String clientRequestId) {
		ObjectNode root = MAPPER.createObjectNode();
		ObjectNode err = root.putObject("error");
		err.put("code", code);
		err.put("message", message);
		ObjectNode inner = err.putObject("innerError");
		inner.put("date", innerDate());
		inner.put("request-id", requestId);
		inner.put("client-request-id", clientRequestId);
		return root;
	}

	/**
	 * The 429 body as documented in graph-facts: innerError carries code/status "429" and
	 * a message.
	 */
	static ObjectNode tooManyRequests(String requestId, String clientRequestId) {
		String msg = "Too many requests. Please retry after the time specified in the Retry-After header.";
		ObjectNode root = MAPPER.createObjectNode();
		ObjectNode err = root.putObject("error");
		err.put("code", "TooManyRequests");
		err.put("message", msg);
		ObjectNode inner = err.putObject("innerError");
		inner.put("code", "429");
		inner.put("date", innerDate());
		inner.put("message", msg);
		inner.put("request-id", requestId);
		inner.put("client-request-id", clientRequestId);
		inner.put("status", "429");
		return root;
	}

}
