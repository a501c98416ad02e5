package io.writebackbatch.graph.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.graph.GraphCallProperties;
import io.writebackbatch.graph.GraphProperties;
import io.writebackbatch.graph.ThrottleGate;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The one road to Graph. Every request the job makes is sent here and its answer judged
 * the same way ({@link GraphAnswer}): a 2xx is read by the caller's reader, and a body
 * that does not read (HTML, empty, truncated, garbled, the SDK's Gson failing) is "no
 * answer", sent again like a 429 or 5xx under the one {@link RetryPolicy}; a 401 gets a
 * real new token or stops the run ({@link AccessTokens}); a 403 stops the run naming the
 * permission the route needs; another 4xx is a {@link GraphRefusal} the caller may judge.
 * Nothing the SDK, Kiota or Gson throws leaves this class untranslated.
 *
 * <p>
 * Requests go through the SDK's HTTP client (its middleware, the throttle gate and
 * x-ms-throttle-priority) with the SDK's own retry switched off: retries are decided
 * here, once.
 */
public final class GraphGateway {

	/** A page of 999 groups is about a megabyte; far more is not an answer to read. */
	static final long MAX_ANSWER_BYTES = 16L << 20;

	private static final MediaType JSON = MediaType.get("application/json");

	private static final RetryHandlerOption NO_SDK_RETRY = new RetryHandlerOption(null, 0, 0);

	private final OkHttpClient http;

	private final AccessTokens tokens;

	private final ThrottleGate gate;

	private final RetryPolicy retries;

	private final Duration deadline;

	private final GraphRequests requests;

	private final GraphProperties properties;

	private final Duration batchCallTimeout;

	/**
	 * @param batchCallTimeout writeback.graph.batch.call-timeout: the deadline of every
	 * {@code $batch} call, reads and writes alike
	 */
	public GraphGateway(RequestAdapter adapter, OkHttpClient http, AccessTokens tokens, ThrottleGate gate,
			GraphProperties properties, GraphCallProperties call, Duration batchCallTimeout) {
		this.http = http;
		this.batchCallTimeout = batchCallTimeout;
		this.tokens = tokens;
		this.gate = gate;
		this.properties = properties;
		this.retries = new RetryPolicy(properties);
		this.deadline = call.deadline();
		this.requests = new GraphRequests(new GraphServiceClient(adapter), properties.pageSize());
	}

	/** Builds the requests this gateway sends. */
	public GraphRequests requests() {
		return requests;
	}

	public RetryPolicy retries() {
		return retries;
	}

	public ThrottleGate gate() {
		return gate;
	}

	/**
	 * A poster of {@code $batch} envelopes, each call bounded by the configured batch
	 * call timeout.
	 */
	public BatchPoster batches() {
		return new BatchPoster(this, batchCallTimeout);
	}

	/** The deadline of one {@code $batch} call (writeback.graph.batch.call-timeout). */
	public Duration batchCallTimeout() {
		return batchCallTimeout;
	}

	/** Reads what Graph answered; null or an exception means the answer was unusable. */
	@FunctionalInterface
	public interface AnswerReader<T> {

		@Nullable T read(@Nullable String body) throws Exception;

	}

	/**
	 * Sends {@code call} and parses its answer as {@code type} through the gateway, so
	 * its Gson exceptions never escape; {@code leftOut} names what a parsed answer left
	 * out (null when it is whole: e.g. a page has its {@code value} array), so that the
	 * retry's log line and the run's failure, if Graph keeps answering so, say what was
	 * missing rather than that the JSON was broken.
	 */
	public <T extends Parsable> T readWhole(GraphCall call, ParsableFactory<T> type,
			Function<T, @Nullable String> leftOut) {
		return send(call, body -> {
			T parsed = parse(body, type);
			if (parsed == null) {
				return null;
			}
			String missing = leftOut.apply(parsed);
			if (missing != null) {
				throw new LeftOut(missing);
			}
			return parsed;
		});
	}

	/** A parsed answer without something the request asked for. */
	private static final class LeftOut extends Exception {

		LeftOut(String what) {
			super(what, null, false, false);
		}

	}

	/**
	 * A Graph object parsed from JSON by the SDK's parser, or null when the text is not
	 * that (Gson's and Kiota's exceptions end here).
	 */
	public static <T extends Parsable> @Nullable T parse(@Nullable String json, ParsableFactory<T> type) {
		if (json == null || json.isBlank()) {
			return null;
		}
		try {
			return new JsonParseNodeFactory()
				.getParseNode("application/json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
				.getObjectValue(type);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	/** A {@code $count} answer (a plain number). */
	public long count(GraphCall call) {
		return send(call, body -> body == null ? null : Long.parseLong(body.strip()));
	}

	/** Sends {@code call} and reads its answer, retrying under the one policy. */
	public <T> T send(GraphCall call, AnswerReader<T> reader) {
		long startNanos = System.nanoTime();
		String token = null;
		boolean renewed = false;
		for (int attempt = 1;; attempt++) {
			Duration left = deadline.minus(Duration.ofNanos(System.nanoTime() - startNanos));
			Exchange exchange = exchange(call, token, left, null);
			GraphAnswer answer = exchange.judged();
			switch (answer.verdict()) {
				case CONFIRMED -> {
					try {
						T value = reader.read(exchange.body());
						if (value != null) {
							return value;
						}
						answer = unreadable(exchange);
					}
					catch (LeftOut e) {
						answer = GraphAnswer
							.none("Graph's answer (HTTP " + exchange.status() + ") left out " + e.getMessage());
					}
					catch (Exception e) {
						// Gson, Kiota, a number that is not one: the answer is unusable,
						// whatever threw
						answer = unreadable(exchange);
					}
				}
				case TOKEN_REFUSED -> {
					if (renewed) {
						throw refusedAfterRenewal(call.doing(), answer);
					}
					token = tokens.renew(call.uri(), exchange.token(), exchange.headers().get("WWW-Authenticate"),
							answer, call.doing());
					renewed = true;
					attempt--;
					continue;
				}
				case DENIED -> throw denied(call.route(), call.doing(), answer);
				case GONE, REJECTED -> throw new GraphRefusal(call, answer);
				case NO_ANSWER -> {
					// judged below, with an unreadable 2xx
				}
			}
			Duration wait = retries.waitAfter(answer, attempt);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
			if (!call.route().retried() || attempt >= retries.maxAttempts()
					|| elapsed.plus(wait).compareTo(deadline) > 0) {
				throw unavailable(call, answer, attempt);
			}
			retries.logRetry(call.doing(), attempt, answer, wait);
			if (answer.retryAfter() != null) {
				gate.block(answer.retryAfter());
			}
			sleep(wait, call.doing());
		}
	}

	/**
	 * One request and its answer, never an exception for what the network or Graph sends:
	 * a failure to get an answer is in {@link Exchange#failure()}.
	 * @param token the token to send, or null for the credential's current one
	 * @param inFlight where the call is registered while it runs (to cancel it), or null
	 */
	Exchange exchange(GraphCall call, @Nullable String token, Duration timeout, @Nullable Set<Call> inFlight) {
		String sent = token != null ? token : tokens.token(call.uri());
		Request.Builder request = new Request.Builder().url(call.uri().toString())
			.header("Accept", "application/json")
			.tag(RetryHandlerOption.class, NO_SDK_RETRY)
			.method(call.method(), call.body() == null ? null : RequestBody.create(call.body(), JSON));
		call.headers().forEach(request::header);
		if (!sent.isEmpty()) {
			request.header("Authorization", "Bearer " + sent);
		}
		Call httpCall = http.newCall(request.build());
		httpCall.timeout().timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		if (inFlight != null) {
			inFlight.add(httpCall);
		}
		try (Response response = httpCall.execute()) {
			String body = response.body() == null ? null : response.peekBody(MAX_ANSWER_BYTES).string();
			return new Exchange(response.code(), response.headers(), body, sent, null);
		}
		catch (IOException e) {
			return new Exchange(0, Headers.of(), null, sent, noAnswer(e, httpCall, timeout, call.doing()));
		}
		catch (RuntimeException e) {
			return new Exchange(0, Headers.of(), null, sent, GraphErrors.translate(e, call.doing()));
		}
		finally {
			if (inFlight != null) {
				inFlight.remove(httpCall);
			}
		}
	}

	/**
	 * One exchange: the answer's status, headers and body, or why there was none.
	 */
	record Exchange(int status, Headers headers, @Nullable String body, String token,
			@Nullable GraphAccessException failure) {

		GraphAnswer judged() {
			if (failure != null) {
				if (!GraphErrors.worthRetrying(failure)) {
					throw failure;
				}
				return GraphAnswer.none(String.valueOf(failure.getMessage()));
			}
			return GraphAnswer.judge(status, headers::get, body);
		}

	}

	/**
	 * Why an exchange got no answer: a TLS handshake that failed is judged by
	 * {@link GraphErrors} (it is not worth retrying), anything else is "no answer".
	 */
	private static GraphAccessException noAnswer(IOException e, Call httpCall, Duration timeout, String doing) {
		// OkHttp's call timeout cancels the call too and says "timeout"; a cancel says
		// "Canceled"
		if (e instanceof InterruptedIOException) {
			String within = timeout.toMillis() >= 1000 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
			return new GraphAccessException(FailureKind.TRANSIENT, "no answer within the deadline of " + within, e);
		}
		if (httpCall.isCanceled()) {
			return new GraphAccessException(FailureKind.TRANSIENT, "the call was cancelled (the run is stopping)", e);
		}
		GraphAccessException judged = GraphErrors.translate(new UncheckedIOException(e), doing);
		return GraphErrors.worthRetrying(judged) ? new GraphAccessException(FailureKind.TRANSIENT,
				"cannot reach Graph: " + e.getClass().getSimpleName() + " " + e.getMessage(), e) : judged;
	}

	public static GraphAccessException denied(Route route, String doing, GraphAnswer answer) {
		return new GraphAccessException(FailureKind.PERMISSION,
				"Graph denied access while " + doing + " (" + answer.describe() + "): the app or signed-in account "
						+ "lacks a permission; grant " + route.permission() + " with admin consent, then run again");
	}

	public static GraphAccessException refusedAfterRenewal(String doing, GraphAnswer answer) {
		return new GraphAccessException(FailureKind.AUTHENTICATION,
				"Graph refused the access token while " + doing + " also after the credential gave a new one ("
						+ answer.describe() + "): it is for another tenant or audience, or the sign-in is blocked; "
						+ "provide a valid token or credential, then run 'resume'");
	}

	private GraphAccessException unavailable(GraphCall call, GraphAnswer answer, int attempts) {
		String text = call.route().retried()
				? "Graph stayed unavailable or throttled while " + call.doing() + " (" + attempts
						+ " attempts, the last " + answer.describe() + answer.throttling().describe()
						+ "); run 'resume' later"
				: "Graph gave no usable answer while " + call.doing() + " (" + answer.describe()
						+ "); nothing else was sent: run again later, the next run reads Graph first";
		return new GraphAccessException(FailureKind.TRANSIENT, text);
	}

	private static GraphAnswer unreadable(Exchange exchange) {
		return GraphAnswer.none("Graph's answer (HTTP " + exchange.status() + ") could not be read: "
				+ "it is empty, truncated or not the JSON Graph sends");
	}

	private static void sleep(Duration wait, String doing) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GraphAccessException(FailureKind.TRANSIENT, "interrupted while " + doing + "; run 'resume'");
		}
	}

	/** The configured Graph settings (page size, throttle priority, retries). */
	public GraphProperties properties() {
		return properties;
	}

	AccessTokens tokens() {
		return tokens;
	}

}
