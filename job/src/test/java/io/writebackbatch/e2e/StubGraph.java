package io.writebackbatch.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A broken "Graph" that answers every request the same way: for answers the simulator is
 * too faithful to give.
 */
final class StubGraph implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger writes = new AtomicInteger();

	private final List<String> targets = new CopyOnWriteArrayList<>();

	private StubGraph(int status, String contentType, String body) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			targets.add(exchange.getRequestURI().toString());
			if (!exchange.getRequestMethod().equals("GET")) {
				writes.incrementAndGet();
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
	}

	static StubGraph answering(int status, String contentType, String body) throws IOException {
		return new StubGraph(status, contentType, body);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/beta";
	}

	int requests() {
		return requests.get();
	}

	/** The path and query of every request, in order. */
	List<String> targets() {
		return List.copyOf(targets);
	}

	int writes() {
		return writes.get();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
