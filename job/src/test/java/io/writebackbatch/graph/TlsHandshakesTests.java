package io.writebackbatch.graph;

import io.writebackbatch.failure.FailureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https base URL pointing at a port that does not speak TLS: the handshake is bounded
 * by the connect timeout, named in the message, and not retried by the run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsHandshakesTests {

	private static final String PASSWORD = "changeit";

	private static final GraphCallProperties ONE_SECOND = new GraphCallProperties(Duration.ofMinutes(5),
			Duration.ofSeconds(1));

	@Test
	void aPortThatSaysNothingEndsTheReadResumableWithoutRetries() throws Exception {
		try (PlainTcpServer silent = PlainTcpServer.silent()) {
			GraphAccessException failure = firstPageFrom(silent);

			assertThat(failure.failureKind()).isEqualTo(FailureKind.TRANSIENT);
			assertThat(failure.getMessage()).contains("the TLS handshake with 127.0.0.1:" + silent.port()
					+ " got no answer within 1 s: is the base URL's scheme (https vs http) and port right?");
			// OkHttp tries the route a second time; the run's own retries (8 attempts)
			// are not spent on it
			assertThat(silent.connections()).isBetween(1, 2);
		}
	}

	@Test
	void aPlainHttpAnswerIsForAPersonToFix() throws Exception {
		try (PlainTcpServer plainHttp = PlainTcpServer.answeringPlainHttp()) {
			GraphAccessException failure = firstPageFrom(plainHttp);

			assertThat(failure.failureKind()).isEqualTo(FailureKind.INVALID_INPUT);
			assertThat(failure.getMessage()).contains("the TLS handshake with 127.0.0.1:" + plainHttp.port()
					+ " failed (Unsupported or unrecognized SSL message): is the base URL's scheme");
		}
	}

	/**
	 * The bound is the handshake's alone: OkHttp puts its read timeout back once the
	 * handshake is done, so an answer slower than the bound is still read.
	 */
	@Test
	void anAnswerSlowerThanTheBoundIsStillRead(@TempDir Path dir) throws Exception {
		KeyStore keys = selfSignedLoopbackKey(dir);
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD.toCharArray());
		SSLContext serverTls = SSLContext.getInstance("TLS");
		serverTls.init(keyManagers.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
		server.createContext("/", exchange -> {
			sleep(Duration.ofMillis(2500));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(keys);
			OkHttpClient.Builder builder = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30));
			TlsHandshakes.install(builder, Duration.ofSeconds(1), (X509TrustManager) trust.getTrustManagers()[0]);
			OkHttpClient client = builder.build();
			String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/beta/groups";

			for (int call = 0; call < 2; call++) { // the second on the pooled connection
				try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
					assertThat(response.code()).isEqualTo(200);
				}
			}
		}
		finally {
			server.stop(0);
		}
	}

	private static KeyStore selfSignedLoopbackKey(Path dir) throws Exception {
		Path file = dir.resolve("loopback.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", file.toString(),
				"-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor()).as(output).isZero();
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			keys.load(in, PASSWORD.toCharArray());
		}
		return keys;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static GraphAccessException firstPageFrom(PlainTcpServer server) {
		GraphProperties properties = new GraphProperties("https://127.0.0.1:" + server.port() + "/beta", "t", null,
				"Low", 10, 2, 0, 8, Duration.ofMillis(100));
		GraphConnection connection = new GraphConnection(properties, GraphCloudProperties.FOLLOW_BASE_URL, ONE_SECOND,
				new SimpleMeterRegistry(), null);
		return catchThrowableOfType(GraphAccessException.class, () -> new GroupDirectory(connection).firstPage());
	}

}
