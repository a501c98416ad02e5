package io.writebackbatch.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A loopback stand-in for the Entra authority: the device-code flow
 * ({@code /{tenant}/oauth2/v2.0/devicecode}, then {@code /{tenant}/oauth2/v2.0/token}
 * answering {@code authorization_pending} once before issuing a token), the browser's
 * authorization-code flow ({@code /authorize} answering, as after a successful sign-in,
 * the page whose form posts the code to the app's loopback redirect URI), refresh tokens,
 * and the OpenID configuration and instance-discovery documents. MSAL accepts only an
 * https authority, so it serves TLS with a throw-away self-signed certificate for
 * 127.0.0.1 that the job's JVM trusts through {@link #javaToolOptions()}. The tokens
 * carry an unsigned id token: MSAL reads its claims without verifying a signature, as a
 * public client does.
 */
public final class FakeEntraAuthority implements AutoCloseable {

	public static final String TENANT = "11111111-2222-4333-8444-555555555555";

	public static final String USER_OBJECT_ID = "66666666-7777-4888-8999-000000000000";

	public static final String USERNAME = "admin@contoso.example";

	private static final String PASSWORD = "changeit";

	private static final String BROWSER_CODE = "browser-authorization-code";

	/** What the token endpoint says to a device code after the pending answer. */
	public enum Outcome {

		SIGNED_IN, DECLINED

	}

	private final HttpsServer server;

	private final String accessToken;

	private final String refreshToken;

	private final Path trustStore;

	private final Path certificate;

	private final Outcome outcome;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger deviceCodePolls = new AtomicInteger();

	private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

	private FakeEntraAuthority(HttpsServer server, String accessToken, String refreshToken, Path trustStore,
			Path certificate, Outcome outcome) {
		this.server = server;
		this.accessToken = accessToken;
		this.refreshToken = refreshToken;
		this.trustStore = trustStore;
		this.certificate = certificate;
		this.outcome = outcome;
	}

	/**
	 * Starts on a free loopback port, issuing {@code accessToken} and
	 * {@code refreshToken} to whoever completes the flow (and the same access token again
	 * for that refresh token); its TLS files go to {@code dir}.
	 */
	public static FakeEntraAuthority start(Path dir, String accessToken, String refreshToken, Outcome outcome)
			throws Exception {
		Path keyStore = dir.resolve("authority.p12");
		Path certificate = dir.resolve("authority.cer");
		Path trustStore = dir.resolve("trust.p12");
		keytool("-genkeypair", "-alias", "authority", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
				keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
		keytool("-exportcert", "-rfc", "-alias", "authority", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
				"-file", certificate.toString());
		keytool("-importcert", "-noprompt", "-alias", "authority", "-file", certificate.toString(), "-keystore",
				trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			keys.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD.toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keyManagers.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		FakeEntraAuthority authority = new FakeEntraAuthority(server, accessToken, refreshToken, trustStore,
				certificate, outcome);
		server.createContext("/", authority::handle);
		server.start();
		return authority;
	}

	private static void keytool(String... args) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
	}

	public String host() {
		return "https://127.0.0.1:" + server.getAddress().getPort();
	}

	/**
	 * For the job's JVM: trust this authority's certificate (and nothing is changed for
	 * any other JVM).
	 */
	public String javaToolOptions() {
		return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD;
	}

	/** The authority's certificate (PEM), for a client outside the JVM such as curl. */
	public Path certificate() {
		return certificate;
	}

	/** Requests as "METHOD path", in order. */
	public List<String> requests() {
		return List.copyOf(requests);
	}

	/** The form fields of every token request (grant_type, scope, client_id, ...). */
	public List<Map<String, String>> tokenRequests() {
		return List.copyOf(tokenRequests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		requests.add(exchange.getRequestMethod() + " " + path);
		String base = host() + "/" + TENANT;
		if (path.endsWith("/v2.0/.well-known/openid-configuration")) {
			answer(exchange, 200,
					"{\"issuer\":\"" + base + "/v2.0\",\"authorization_endpoint\":\"" + base
							+ "/oauth2/v2.0/authorize\",\"token_endpoint\":\"" + base + "/oauth2/v2.0/token\","
							+ "\"device_authorization_endpoint\":\"" + base + "/oauth2/v2.0/devicecode\"}");
		}
		else if (path.endsWith("/discovery/instance")) {
			String self = "127.0.0.1:" + server.getAddress().getPort();
			answer(exchange, 200,
					"{\"tenant_discovery_endpoint\":\"" + base + "/v2.0/.well-known/openid-configuration\","
							+ "\"api-version\":\"1.1\",\"metadata\":[{\"preferred_network\":\"" + self
							+ "\",\"preferred_cache\":\"" + self + "\",\"aliases\":[\"" + self + "\"]}]}");
		}
		else if (path.equals("/" + TENANT + "/oauth2/v2.0/devicecode")) {
			answer(exchange, 200,
					"{\"user_code\":\"WBTEST-42\",\"device_code\":\"device-code-1\",\"verification_uri\":\"" + host()
							+ "/devicelogin\",\"expires_in\":900,\"interval\":1,\"message\":\"To sign in, use a web "
							+ "browser to open the page " + host()
							+ "/devicelogin and enter the code WBTEST-42 to authenticate.\"}");
		}
		else if (path.equals("/" + TENANT + "/oauth2/v2.0/authorize")) {
			// MSAL asks for response_mode=form_post: Entra answers a page whose form the
			// browser posts to the app
			Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
			byte[] page = ("<html><body onload=\"document.forms[0].submit()\">\n<form method=\"POST\" action=\""
					+ query.get("redirect_uri") + "\">\n<input type=\"hidden\" name=\"code\" value=\"" + BROWSER_CODE
					+ "\"/>\n<input type=\"hidden\" name=\"state\" value=\"" + query.get("state")
					+ "\"/>\n</form></body></html>\n")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		}
		else if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
			tokenRequests.add(form);
			token(exchange, form);
		}
		else {
			answer(exchange, 404,
					"{\"error\":\"invalid_request\",\"error_description\":\"AADSTS90002: unknown path\"}");
		}
	}

	private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
		String grant = form.getOrDefault("grant_type", "");
		if (grant.equals("urn:ietf:params:oauth:grant-type:device_code") || grant.equals("device_code")) {
			if (deviceCodePolls.getAndIncrement() == 0) {
				answer(exchange, 400, "{\"error\":\"authorization_pending\",\"error_description\":\"AADSTS70016: OAuth "
						+ "2.0 device flow error. Authorization is pending. Continue polling.\"}");
			}
			else if (outcome == Outcome.DECLINED) {
				answer(exchange, 400, "{\"error\":\"authorization_declined\",\"error_description\":\"AADSTS70000: The "
						+ "user declined to authorize the request.\"}");
			}
			else {
				answer(exchange, 200, issued(form.get("scope")));
			}
		}
		else if (grant.equals("authorization_code") && BROWSER_CODE.equals(form.get("code"))) {
			answer(exchange, 200, issued(form.get("scope")));
		}
		else if (grant.equals("refresh_token") && refreshToken.equals(form.get("refresh_token"))) {
			answer(exchange, 200, issued(form.get("scope")));
		}
		else {
			answer(exchange, 400,
					"{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS9002313: Invalid request.\"}");
		}
	}

	private String issued(String scope) {
		String idToken = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
				+ base64("{\"aud\":\"client\",\"iss\":\"" + host() + "/" + TENANT
						+ "/v2.0\",\"iat\":1700000000,\"nbf\":1700000000,\"exp\":4102444800,\"oid\":\"" + USER_OBJECT_ID
						+ "\",\"tid\":\"" + TENANT + "\",\"sub\":\"subject\",\"preferred_username\":\"" + USERNAME
						+ "\",\"name\":\"Test Administrator\"}")
				+ ".";
		String clientInfo = base64("{\"uid\":\"" + USER_OBJECT_ID + "\",\"utid\":\"" + TENANT + "\"}");
		String grantedScope = scope == null ? ""
				: scope.replace("openid", "")
					.replace("profile", "")
					.replace("offline_access", "")
					.strip()
					.replaceAll("\\s+", " ");
		return "{\"token_type\":\"Bearer\",\"scope\":\"" + grantedScope
				+ "\",\"expires_in\":3600,\"ext_expires_in\":3600," + "\"access_token\":\"" + accessToken
				+ "\",\"refresh_token\":\"" + refreshToken + "\",\"id_token\":\"" + idToken + "\",\"client_info\":\""
				+ clientInfo + "\"}";
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, String> form(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (body == null) {
			return fields;
		}
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
