package io.writebackbatch.graph;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.writebackbatch.failure.TlsHandshakeException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Bounds each TLS handshake with Graph and names it when it fails. OkHttp runs the
 * handshake under its read timeout (100 s, which a slow {@code $batch} answer needs), so
 * an https URL pointing at a port that speaks plain http (which waits, silent, for a
 * request line) held every attempt that long. OkHttp offers no handshake timeout: the
 * socket factory gives each TLS socket the bound as its read timeout, which OkHttp
 * replaces with its own once the handshake is done. The event listener notes a call whose
 * connection failed mid-handshake; the interceptor rethrows that failure as a
 * {@link TlsHandshakeException} naming the host and port.
 */
final class TlsHandshakes extends EventListener implements EventListener.Factory, Interceptor {

	private final Duration bound;

	private final Set<Call> failedMidHandshake = ConcurrentHashMap.newKeySet();

	private final Set<Call> handshaking = ConcurrentHashMap.newKeySet();

	private TlsHandshakes(Duration bound) {
		this.bound = bound;
	}

	/**
	 * Bounds the TCP connect and the TLS handshake of {@code builder}'s connections by
	 * {@code bound} each.
	 */
	static void install(OkHttpClient.Builder builder, Duration bound) {
		install(builder, bound, platformTrust());
	}

	/**
	 * As {@link #install(OkHttpClient.Builder, Duration)}, trusting what {@code trust}
	 * trusts.
	 */
	static void install(OkHttpClient.Builder builder, Duration bound, X509TrustManager trust) {
		TlsHandshakes handshakes = new TlsHandshakes(bound);
		builder.connectTimeout(bound)
			.sslSocketFactory(new BoundedHandshakes(context(trust).getSocketFactory(), bound), trust)
			.eventListenerFactory(handshakes)
			.addInterceptor(handshakes);
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		try {
			return chain.proceed(chain.request());
		}
		catch (IOException e) {
			if (failedMidHandshake.remove(chain.call())) {
				HttpUrl url = chain.request().url();
				throw new TlsHandshakeException(url.host() + ":" + url.port(), bound, e);
			}
			throw e;
		}
	}

	/** One listener for all calls: it keeps its state per call. */
	@Override
	public EventListener create(Call call) {
		return this;
	}

	@Override
	public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
		failedMidHandshake.remove(call); // a new attempt (OkHttp retries a route once)
	}

	@Override
	public void secureConnectStart(Call call) {
		handshaking.add(call);
	}

	@Override
	public void secureConnectEnd(Call call, @Nullable Handshake handshake) {
		handshaking.remove(call);
	}

	@Override
	public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, @Nullable Protocol protocol,
			IOException failure) {
		if (handshaking.remove(call)) {
			failedMidHandshake.add(call);
		}
	}

	@Override
	public void callEnd(Call call) {
		forget(call);
	}

	@Override
	public void callFailed(Call call, IOException failure) {
		forget(call);
	}

	private void forget(Call call) {
		handshaking.remove(call);
		failedMidHandshake.remove(call);
	}

	/** The JVM's trust store, as OkHttp would use it by default. */
	private static X509TrustManager platformTrust() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			return Arrays.stream(factory.getTrustManagers())
				.filter(X509TrustManager.class::isInstance)
				.map(X509TrustManager.class::cast)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the JVM has no X.509 trust manager"));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("the JVM's trust store cannot be read: " + e.getMessage(), e);
		}
	}

	private static SSLContext context(TrustManager trust) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { trust }, null);
			return context;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("no TLS context: " + e.getMessage(), e);
		}
	}

	/**
	 * The platform's TLS sockets, each with the handshake bound as its read timeout.
	 */
	private static final class BoundedHandshakes extends SSLSocketFactory {

		private final SSLSocketFactory platform;

		private final int boundMillis;

		BoundedHandshakes(SSLSocketFactory platform, Duration bound) {
			this.platform = platform;
			this.boundMillis = Math.toIntExact(bound.toMillis());
		}

		private Socket bounded(Socket socket) throws IOException {
			socket.setSoTimeout(boundMillis);
			return socket;
		}

		@Override
		public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
			return bounded(platform.createSocket(connected, host, port, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return bounded(platform.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return bounded(platform.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return bounded(platform.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return bounded(platform.createSocket(address, port, localAddress, localPort));
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return platform.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return platform.getSupportedCipherSuites();
		}

	}

}
