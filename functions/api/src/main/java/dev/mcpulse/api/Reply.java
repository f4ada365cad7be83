package dev.mcpulse.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, headers, and a body that is either text sent as it is (a page, a document) or a
 * value the API sends as JSON. {@link ApiDispatcher} turns it into the response.
 */
record Reply(int status, Map<String, String> headers, Object body) {

    static final String JSON = "application/json";

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, Object body) {
        return new Reply(status, Map.of("Content-Type", JSON), body);
    }

    static Reply ok(Object body) {
        return json(200, body);
    }

    static Reply text(String body, String contentType) {
        return new Reply(200, Map.of("Content-Type", contentType), body);
    }

    static Reply noContent() {
        return new Reply(204, Map.of(), null);
    }

    static Reply error(ApiException refusal) {
        return json(refusal.status().getCode(), refusal.body());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, more, body);
    }
}
