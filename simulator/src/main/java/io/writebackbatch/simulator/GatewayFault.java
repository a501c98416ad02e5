package io.writebackbatch.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;

/**
 * What a gateway or proxy in front of Graph answers when it cannot reach Graph or gives
 * up waiting: 502 or 504 with an HTML page, no JSON, no Retry-After. A 502 comes before
 * Graph saw the request; a 504 after Graph carried it out (the unkind case: the change is
 * made, its answer is lost).
 */
enum GatewayFault {

	NONE(0, null), BAD_GATEWAY(502, "Bad Gateway"), GATEWAY_TIMEOUT(504, "Gateway Time-out");

	private final int status;

	private final String reason;

	GatewayFault(int status, String reason) {
		this.status = status;
		this.reason = reason;
	}

	static GatewayFault draw(double rate, ThreadLocalRandom rnd) {
		if (rate <= 0 || rnd.nextDouble() >= rate) {
			return NONE;
		}
		return rnd.nextBoolean() ? BAD_GATEWAY : GATEWAY_TIMEOUT;
	}

	boolean beforeGraph() {
		return this == BAD_GATEWAY;
	}

	boolean afterGraph() {
		return this == GATEWAY_TIMEOUT;
	}

	/** The gateway's page for {@code status} (502 or 504). */
	static String page(int status) {
		String title = status + " " + (status == 502 ? BAD_GATEWAY.reason : GATEWAY_TIMEOUT.reason);
		return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
				+ "</h1></center>\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n";
	}

	void send(HttpExchange ex) throws IOException {
		byte[] page = page(status).getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().set("Content-Type", "text/html");
		ex.sendResponseHeaders(status, page.length);
		try (OutputStream os = ex.getResponseBody()) {
			os.write(page);
		}
	}

}
