package io.writebackbatch.graph.gateway;

import io.writebackbatch.graph.ReplyTally;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class BatchReplyTests {

	private static final Set<String> SENT = Set.of("1", "2", "3");

	private static UnaryOperator<String> headers(Map<String, String> values) {
		return name -> values.entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	@Test
	void anHtmlEnvelopeIsNoAnswerForEveryStep() {
		BatchReply reply = BatchReply.read(502, headers(Map.of("Content-Type", "text/html")),
				"<html><head><title>502 Bad Gateway</title></head></html>", SENT);
		assertThat(reply.steps()).hasSize(3).allSatisfy((id, answer) -> {
			assertThat(answer.verdict()).isEqualTo(GraphAnswer.Verdict.NO_ANSWER);
			assertThat(answer.message()).contains("HTTP 502").contains("not Graph's JSON error");
		});
	}

	/**
	 * Graph's throttling page: a batch whose steps were throttled "fails with a status
	 * code of 424" and carries each step's answer: each counts on its own.
	 */
	@Test
	void a424EnvelopeCarryingStepAnswersIsJudgedStepByStep() {
		String body = """
				{"responses":[
				 {"id":"1","status":204},
				 {"id":"2","status":429,"headers":{"Retry-After":"3","x-ms-throttle-scope":"Tenant/Write/a/t",
				  "x-ms-throttle-information":"WriteLimitExceeded"},
				  "body":{"error":{"code":"TooManyRequests","message":"Too many requests"}}},
				 {"id":"3","status":404,"body":{"error":{"code":"Request_ResourceNotFound","message":"gone"}}}]}
				""";
		BatchReply reply = BatchReply.read(424, headers(Map.of()), body, SENT);
		assertThat(reply.refusedWhole()).isFalse();
		assertThat(reply.steps().get("1").verdict()).isEqualTo(GraphAnswer.Verdict.CONFIRMED);
		assertThat(reply.steps().get("2").verdict()).isEqualTo(GraphAnswer.Verdict.NO_ANSWER);
		assertThat(reply.steps().get("2").throttled()).isTrue();
		assertThat(reply.steps().get("2").throttling().describe()).contains("Tenant/Write/a/t")
			.contains("WriteLimitExceeded");
		assertThat(reply.steps().get("3").verdict()).isEqualTo(GraphAnswer.Verdict.GONE);
		assertThat(reply.longestRetryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(ReplyTally.of(reply).throttled()).as("the pacer learns the 429").isEqualTo(1);
	}

	/**
	 * A 424 whose body was emptied or cut on the way carries no step answers: some steps
	 * may have been carried out, so none is a failure; each is sent again. Was "group ...
	 * not updated: HTTP 424 null no error body" for all twenty (simulate
	 * --throttled-batch 424 --empty-answer-rate 0.1).
	 */
	@Test
	void a424EnvelopeWithoutReadableStepAnswersIsNoAnswerForEveryStep() {
		for (String body : new String[] { "", "{\"responses\":[{\"id\":\"1\",\"status\":204},{\"id\":\"2\",\"sta",
				"{\"error\":{\"code\":\"FailedDependency\",\"message\":\"x\"}}" }) {
			BatchReply reply = BatchReply.read(424, headers(Map.of()), body, SENT);
			assertThat(reply.steps()).as(body).hasSize(3).allSatisfy((id, answer) -> {
				assertThat(answer.verdict()).isEqualTo(GraphAnswer.Verdict.NO_ANSWER);
				assertThat(answer.message()).contains("HTTP 424");
			});
			assertThat(reply.refusedWhole()).as("backs off as for any envelope without an answer").isTrue();
		}
	}

	@Test
	void anEnvelope429PassesItsRetryAfterToEveryStep() {
		BatchReply reply = BatchReply.read(429, headers(Map.of("Retry-After", "7")), "", SENT);
		assertThat(reply.longestRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(reply.steps().values()).allMatch(a -> a.verdict() == GraphAnswer.Verdict.NO_ANSWER);
	}

	@Test
	void anEnvelope401Or403IsJudgedAsSuch() {
		assertThat(BatchReply
			.read(401, headers(Map.of()),
					"{\"error\":{\"code\":\"InvalidAuthenticationToken\"," + "\"message\":\"expired\"}}", SENT)
			.steps()
			.get("1")
			.verdict()).isEqualTo(GraphAnswer.Verdict.TOKEN_REFUSED);
		assertThat(BatchReply.read(403, headers(Map.of()), null, SENT).envelope().verdict())
			.isEqualTo(GraphAnswer.Verdict.DENIED);
	}

	@Test
	void emptyTruncatedOrShapelessTwoHundredsAreNoAnswer() {
		for (String body : new String[] { null, "", "{\"responses\":[{\"id\":\"1\",\"sta", "{\"value\":[]}", "null" }) {
			assertThat(BatchReply.read(200, headers(Map.of()), body, SENT).steps().values())
				.allMatch(a -> a.verdict() == GraphAnswer.Verdict.NO_ANSWER);
		}
	}

	@Test
	void eachStepIsJudgedOnItsOwnAndOddStepsAreNoAnswer() {
		String body = """
				{"responses":[
				 {"id":"1","status":204},
				 {"id":"2","status":500,"body":{"error":null}},
				 {"id":"2","status":204},
				 {"id":"99","status":204},
				 {"id":"3","status":"OK"}
				]}""";
		BatchReply reply = BatchReply.read(200, headers(Map.of()), body, SENT);
		assertThat(reply.steps().get("1").verdict()).isEqualTo(GraphAnswer.Verdict.CONFIRMED);
		assertThat(reply.steps().get("2").message()).contains("two answers");
		assertThat(reply.steps().get("3").message()).contains("no usable status");
		assertThat(reply.strangers()).isEqualTo(1);
		String missing = "{\"responses\":[{\"id\":\"1\",\"status\":400,\"body\":{\"error\":{\"code\":\"Request_BadRequest\"}}}]}";
		BatchReply partial = BatchReply.read(200, headers(Map.of()), missing, SENT);
		assertThat(partial.steps().get("1").verdict()).isEqualTo(GraphAnswer.Verdict.REJECTED);
		assertThat(partial.steps().get("1").message()).isEqualTo("no message");
		assertThat(partial.steps().get("2").message()).contains("left this step out");
	}

	/**
	 * The simulator sends the gauge only as Graph does (0.80-1.80); a gateway or a future
	 * Graph may send anything: what is not a finite, non-negative number is no reading.
	 */
	@Test
	void anAbsurdThrottleGaugeIsNoReading() {
		for (String absurd : new String[] { "abc", "-5", "NaN", "Infinity", "" }) {
			String body = "{\"responses\":[{\"id\":\"1\",\"status\":204,"
					+ "\"headers\":{\"x-ms-throttle-limit-percentage\":\"" + absurd + "\"}}]}";
			BatchReply reply = BatchReply.read(200, headers(Map.of("x-ms-throttle-limit-percentage", absurd)), body,
					Set.of("1"));
			assertThat(ReplyTally.of(reply).level()).as(absurd).isNaN();
		}
		String huge = "{\"responses\":[{\"id\":\"1\",\"status\":429,"
				+ "\"headers\":{\"x-ms-throttle-limit-percentage\":\"1e308\"}}]}";
		ReplyTally tally = ReplyTally.of(BatchReply.read(200, headers(Map.of()), huge, Set.of("1")));
		assertThat(tally.level()).as("a huge reading only says the bucket is nearly full").isEqualTo(1e308);
		assertThat(tally.throttled()).isOne();
	}

}
