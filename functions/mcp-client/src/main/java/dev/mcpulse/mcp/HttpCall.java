package dev.mcpulse.mcp;

import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP/1.1 request of a probe: method, absolute URL, the headers it sets itself, and a body (empty for none). */
record HttpCall(HttpMethod method, URI uri, Map<String, String> headers, byte[] body) {

    HttpCall {
        headers = new LinkedHashMap<>(headers);
    }

    static HttpCall get(URI uri, Map<String, String> headers) {
        return new HttpCall(HttpMethod.GET, uri, headers, new byte[0]);
    }

    static HttpCall post(URI uri, String contentType, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", contentType);
        all.putAll(headers);
        return new HttpCall(HttpMethod.POST, uri, all, body);
    }

    static HttpCall delete(URI uri, Map<String, String> headers) {
        return new HttpCall(HttpMethod.DELETE, uri, headers, new byte[0]);
    }

    /** Method and URL only: the headers and body may hold a credential, and a record would print them all. */
    @Override
    public String toString() {
        return method + " " + uri;
    }
}
