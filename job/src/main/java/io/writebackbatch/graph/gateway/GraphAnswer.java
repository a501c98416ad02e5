package io.writebackbatch.graph.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PatchOutcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one answer from Graph (a whole response or one {@code $batch} step) means, judged
 * from its status, headers and body without trusting any of them to parse. {@code status}
 * 0 means there was no usable answer at all.
 */
public record GraphAnswer(Verdict verdict, int status, @Nullable String code, @Nullable String message,
		@Nullable String requestId, @Nullable Duration retryAfter, double limitPercentage, Throttling throttling) {

	/**
	 * Which limit Graph says was hit ({@code x-ms-throttle-scope}, e.g.
	 * {@code Tenant/Write/...} when every app of the tenant shares it) and why
	 * ({@code x-ms-throttle-information}, e.g. {@code WriteLimitExceeded}); null when not
	 * sent.
	 */
	public record Throttling(@Nullable String scope, @Nullable String information) {

		static final Throttling NONE = new Throttling(null, null);

		/** For a log line: empty when Graph sent neither header. */
		public String describe() {
			if (scope == null && information == null) {
				return "";
			}
			return " (x-ms-throttle-scope " + (scope == null ? "not sent" : oneLine(scope))
					+ ", x-ms-throttle-information " + (information == null ? "not sent" : oneLine(information)) + ")";
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public enum Verdict {

		/** 2xx: Graph confirmed it. */
		CONFIRMED,
		/** 404: the object is gone. */
		GONE,
		/** 401: the token was refused or has expired. */
		TOKEN_REFUSED,
		/** 403: the app lacks a permission. */
		DENIED,
		/** Another 4xx: Graph refused this request; sending it again will not help. */
		REJECTED,
		/**
		 * 429, 5xx, an unreadable or missing answer: nothing is known; send it again
		 * later.
		 */
		NO_ANSWER

	}

	/** No usable answer, for the reason given. */
	public static GraphAnswer none(String why) {
		return new GraphAnswer(Verdict.NO_ANSWER, 0, "NoResponse", why, null, null, Double.NaN, Throttling.NONE);
	}

	/**
	 * Judges an answer: {@code header} looks a header up case-insensitively (null if
	 * absent), {@code body} is the body's text (null or empty if none). A 2xx is
	 * CONFIRMED here; a {@code $batch} envelope's steps are read by {@link BatchReply}.
	 */
	public static GraphAnswer judge(int status, UnaryOperator<@Nullable String> header, @Nullable String body) {
		String requestId = header.apply("request-id");
		double level = limitPercentage(header.apply("x-ms-throttle-limit-percentage"));
		Duration retryAfter = RetryAfter.parse(header.apply("Retry-After"), Instant.now()).orElse(null);
		Throttling throttling = new Throttling(header.apply("x-ms-throttle-scope"),
				header.apply("x-ms-throttle-information"));
		if (status >= 200 && status < 300) {
			return new GraphAnswer(Verdict.CONFIRMED, status, null, null, requestId, null, level, throttling);
		}
		String code = null;
		String message;
		JsonNode error = errorOf(body);
		if (error != null) {
			code = error.path("code").asString(null);
			// Graph always sends a message; one without is still an answer
			// (msgraph-sdk-java#2386)
			message = error.path("message").asString("no message");
			requestId = requestId != null ? requestId : error.path("innerError").path("request-id").asString(null);
		}
		else {
			String type = header.apply("Content-Type");
			message = body == null || body.isBlank() ? "no error body"
					: "not Graph's JSON error (" + (type == null ? "no Content-Type" : oneLine(type)) + "): "
							+ oneLine(body.substring(0, Math.min(120, body.length())));
		}
		Verdict verdict = switch (status) {
			case 401 -> Verdict.TOKEN_REFUSED;
			case 403 -> Verdict.DENIED;
			case 404 -> Verdict.GONE;
			// Graph sends its JSON error with every refusal: a 4xx without one was cut
			// short or
			// made by something in between (a gateway, a proxy), so it is no answer yet
			default ->
				status == 429 || status >= 500 || status < 100 || error == null ? Verdict.NO_ANSWER : Verdict.REJECTED;
		};
		return new GraphAnswer(verdict, status, code, message, requestId, retryAfter, level, throttling);
	}

	/**
	 * The same answer, judged "no answer" with another message (a whole batch that got no
	 * answer: each step is sent again).
	 */
	GraphAnswer unanswered(String why) {
		return new GraphAnswer(Verdict.NO_ANSWER, 0, code, why, requestId, retryAfter, limitPercentage, throttling);
	}

	/**
	 * Graph's {@code {"error":{...}}} object, or null when the body is not that (HTML,
	 * truncated, {@code null}).
	 */
	private static @Nullable JsonNode errorOf(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode error = JSON.readTree(body).path("error");
			return error.isObject() ? error : null;
		}
		catch (JacksonException e) {
			return null;
		}
	}

	/**
	 * {@code x-ms-throttle-limit-percentage}: how full the fullest budget is (0.8 ..
	 * 1.8), NaN when absent.
	 */
	public static double limitPercentage(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return Double.NaN;
		}
		try {
			double value = Double.parseDouble(header.strip());
			return Double.isFinite(value) && value >= 0 ? value : Double.NaN;
		}
		catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	public boolean throttled() {
		return status == 429;
	}

	/**
	 * Graph counted it against the write budget: it got an answer other than 429 or a
	 * 5xx.
	 */
	public boolean charged() {
		return status != 0 && status != 429 && status < 500;
	}

	public String describe() {
		return (status == 0 ? "no answer" : "HTTP " + status) + (code == null ? "" : " " + code) + ": " + message;
	}

	/** What this answer means for one group's update, after {@code attempts} sends. */
	public PatchOutcome outcomeFor(String groupId, int attempts, String messageSuffix) {
		Outcome outcome = switch (verdict) {
			case CONFIRMED -> Outcome.UPDATED;
			case GONE -> Outcome.NOT_FOUND;
			default -> Outcome.FAILED;
		};
		return new PatchOutcome(groupId, outcome, status, code, message == null ? null : message + messageSuffix,
				requestId, attempts);
	}

}
