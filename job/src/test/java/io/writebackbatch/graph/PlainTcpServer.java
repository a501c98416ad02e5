package io.writebackbatch.graph;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A loopback TCP server that is not TLS, for an https URL pointing at the wrong port:
 * {@link #silent()} accepts and says nothing (as a plain-http server waiting for a
 * request line), {@link #answeringPlainHttp()} answers at once as a plain-http server
 * does to bytes it cannot read.
 */
public final class PlainTcpServer implements AutoCloseable {

	private final ServerSocket listening = new ServerSocket(0);

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private PlainTcpServer(Consumer<Socket> onConnection) throws IOException {
		Thread acceptor = new Thread(() -> {
			while (!listening.isClosed()) {
				try {
					Socket socket = listening.accept();
					accepted.add(socket);
					onConnection.accept(socket);
				}
				catch (IOException e) {
					return; // closed
				}
			}
		}, "plain-tcp-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static PlainTcpServer silent() throws IOException {
		return new PlainTcpServer(socket -> {
		});
	}

	public static PlainTcpServer answeringPlainHttp() throws IOException {
		return new PlainTcpServer(PlainTcpServer::answerBadRequest);
	}

	public int port() {
		return listening.getLocalPort();
	}

	/** How many connections were opened to it. */
	public int connections() {
		return accepted.size();
	}

	@Override
	public void close() throws IOException {
		listening.close();
		for (Socket socket : accepted) {
			socket.close();
		}
	}

	private static void answerBadRequest(Socket socket) {
		try {
			socket.getInputStream().read(new byte[512]);
			socket.getOutputStream()
				.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			socket.close();
		}
		catch (IOException e) {
			// the client gave up: nothing to answer
		}
	}

}
