package io.writebackbatch.simulator;

/** Graph's error answers, counted as the simulator's counters expect (400s and 404s). */
record ErrorAnswers(Counters counters) {

	GraphResponse error(int status, String code, String message, GraphRequest req) {
		if (status == 404) {
			counters.count(Counters.Name.NOT_FOUND);
		}
		else if (status == 400) {
			counters.count(Counters.Name.BAD_REQUESTS);
		}
		return GraphResponse.json(status, Json.error(code, message, req.requestId(), req.clientRequestId()));
	}

	GraphResponse badRequest(String message, GraphRequest req) {
		return error(400, "Request_BadRequest", message, req);
	}

	GraphResponse notFound(String id, GraphRequest req) {
		return error(404, "Request_ResourceNotFound", "Resource '" + id
				+ "' does not exist or one of its queried reference-property objects are not present.", req);
	}

	GraphResponse denied(GraphRequest req) {
		return error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", req);
	}

	GraphResponse methodNotSupported(GraphRequest req) {
		return error(405, "Request_BadRequest", "The request method '" + req.method() + "' is not supported.", req);
	}

	GraphResponse invalidId(String id, GraphRequest req) {
		return badRequest("Invalid object identifier '" + id + "'.", req);
	}

}
