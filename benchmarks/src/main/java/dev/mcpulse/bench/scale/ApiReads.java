package dev.mcpulse.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.bench.Stats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests to the fleet route of the API on loopback, as the dashboard makes them: each timed to its last byte, its
 * size kept, its body checked for the fleet's summary.
 */
final class ApiReads {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of request, repeated: wall times, the largest body, and the rows and summary of the last body. */
    record Timed(String query, Stats millis, long maxBytes, int rows, int total, boolean hasNext, JsonNode last) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI route;

    ApiReads(int port) {
        this.route = URI.create("http://127.0.0.1:" + port + "/api/mcp/clients");
    }

    /** {@code warmups} untimed requests, then up to {@code count} timed ones within {@code budget}. */
    Timed time(String query, int warmups, int count, Duration budget) throws IOException, InterruptedException {
        URI uri = query.isEmpty() ? route : URI.create(route + "?" + query);
        for (int i = 0; i < warmups; i++) {
            get(uri);
        }
        List<Double> millis = new ArrayList<>();
        long maxBytes = 0;
        byte[] body = null;
        long ends = System.nanoTime() + budget.toNanos();
        for (int i = 0; i < count && (i < 3 || System.nanoTime() < ends); i++) {
            long start = System.nanoTime();
            body = get(uri);
            millis.add((System.nanoTime() - start) / 1e6);
            maxBytes = Math.max(maxBytes, body.length);
        }
        JsonNode page = JSON.readTree(body);
        return new Timed(query, Stats.of(millis), maxBytes, page.path("endpoints").size(),
                page.path("summary").path("total").asInt(-1), !page.path("next").isNull(), page);
    }

    private byte[] get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri.getPath() + "?" + uri.getQuery() + " answered "
                    + response.statusCode() + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
