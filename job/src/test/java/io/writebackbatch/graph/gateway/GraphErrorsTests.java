package io.writebackbatch.graph.gateway;

import io.writebackbatch.graph.GraphAccessException;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.stream.Stream;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.identity.CredentialUnavailableException;
import com.google.gson.JsonSyntaxException;
import com.microsoft.kiota.ApiExceptionBuilder;
import io.writebackbatch.failure.FailureKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the SDK, Gson and azure-identity throw, judged by type and status into the failure
 * model.
 */
class GraphErrorsTests {

	static Stream<Arguments> graphCalls() {
		return Stream.of(Arguments.of("Graph 401", api(401), FailureKind.AUTHENTICATION),
				Arguments.of("Graph 403", api(403), FailureKind.PERMISSION),
				Arguments.of("Graph 400", api(400), FailureKind.INVALID_INPUT),
				Arguments.of("Graph 429", api(429), FailureKind.TRANSIENT),
				Arguments.of("gateway 502", api(502), FailureKind.TRANSIENT),
				Arguments.of("gateway 504", api(504), FailureKind.TRANSIENT),
				Arguments.of("truncated page", new JsonSyntaxException(new EOFException("End of input")),
						FailureKind.TRANSIENT),
				Arguments.of("DNS", new IllegalStateException(new UnknownHostException("graph.microsoft.com")),
						FailureKind.TRANSIENT));
	}

	static Stream<Arguments> tokenRequests() {
		return Stream.of(Arguments.of("identity endpoint 500", identity(500), FailureKind.TRANSIENT),
				Arguments.of("identity endpoint 503", identity(503), FailureKind.TRANSIENT),
				Arguments.of("identity endpoint 429", identity(429), FailureKind.TRANSIENT),
				Arguments.of("identity endpoint timeout",
						new ClientAuthenticationException("token request failed", null,
								new SocketTimeoutException("Read timed out")),
						FailureKind.TRANSIENT),
				Arguments.of("identity endpoint DNS",
						new ClientAuthenticationException("token request failed", null,
								new UnknownHostException("login.microsoftonline.com")),
						FailureKind.TRANSIENT),
				Arguments.of("secret refused (401 invalid_client)", identity(401), FailureKind.AUTHENTICATION),
				Arguments.of("no such identity (400)", identity(400), FailureKind.AUTHENTICATION),
				Arguments.of("no credential configured",
						new CredentialUnavailableException("EnvironmentCredential " + "authentication unavailable"),
						FailureKind.AUTHENTICATION),
				Arguments.of("something else", new IllegalArgumentException("Only https is supported"),
						FailureKind.AUTHENTICATION));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("graphCalls")
	void graphCalls(String cause, RuntimeException thrown, FailureKind kind) {
		GraphAccessException judged = GraphErrors.translate(thrown, "listing unified groups");

		assertThat(judged.failureKind()).isEqualTo(kind);
		assertThat(judged.getMessage()).contains("listing unified groups");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokenRequests")
	void tokenRequests(String cause, RuntimeException thrown, FailureKind kind) {
		GraphAccessException judged = GraphErrors.credentialFailure(thrown);

		assertThat(judged.failureKind()).isEqualTo(kind);
		assertThat(judged.getMessage()).doesNotContain("\n");
	}

	private static RuntimeException api(int status) {
		return new ApiExceptionBuilder().withMessage("HTTP " + status).withResponseStatusCode(status).build();
	}

	private static ClientAuthenticationException identity(int status) {
		return new ClientAuthenticationException("token request failed", new StatusOnly(status));
	}

	/** An identity endpoint's answer of which only the status matters here. */
	private static final class StatusOnly extends HttpResponse {

		private final int status;

		StatusOnly(int status) {
			super(new HttpRequest(HttpMethod.POST, "https://login.microsoftonline.com/tenant/oauth2/v2.0/token"));
			this.status = status;
		}

		@Override
		public int getStatusCode() {
			return status;
		}

		@Override
		@Deprecated
		public String getHeaderValue(String name) {
			return null;
		}

		@Override
		public HttpHeaders getHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Flux<ByteBuffer> getBody() {
			return Flux.empty();
		}

		@Override
		public Mono<byte[]> getBodyAsByteArray() {
			return Mono.empty();
		}

		@Override
		public Mono<String> getBodyAsString() {
			return Mono.empty();
		}

		@Override
		public Mono<String> getBodyAsString(Charset charset) {
			return Mono.empty();
		}

	}

}
