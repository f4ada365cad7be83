package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Endpoints for tests, built through the domain's own parser as every real endpoint is. */
final class TestEndpoints {

    private final Map<String, Object> entry = new LinkedHashMap<>();

    private TestEndpoints(URI url) {
        entry.put("id", "test");
        entry.put("url", url.toString());
        entry.put("timeoutMs", 10_000);
    }

    static TestEndpoints at(URI url) {
        return new TestEndpoints(url);
    }

    TestEndpoints id(String id) {
        entry.put("id", id);
        return this;
    }

    TestEndpoints transport(String transport) {
        entry.put("transport", transport);
        return this;
    }

    TestEndpoints timeoutMs(int millis) {
        entry.put("timeoutMs", millis);
        return this;
    }

    TestEndpoints bearer() {
        entry.put("auth", Map.of("type", "bearer", "secret", "test/token"));
        return this;
    }

    TestEndpoints readiness(String tool, Map<String, Object> arguments) {
        entry.put("readiness", Map.of("tool", tool, "arguments", arguments));
        return this;
    }

    Endpoint build() {
        return switch (new EndpointParser(UrlPolicy.local()).parse(entry)) {
            case EndpointParser.Result.Valid valid -> valid.endpoint();
            case EndpointParser.Result.Invalid invalid -> throw new IllegalArgumentException(invalid.errors().toString());
        };
    }
}
