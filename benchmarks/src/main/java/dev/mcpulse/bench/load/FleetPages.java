package dev.mcpulse.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the whole fleet from a running stack's list route as the dashboard does: page after page of the largest size
 * the API allows, following {@code next} until it is absent. One page alone holds only the first rows of a fleet.
 */
public final class FleetPages {

    /** The API's largest page ({@code FleetController.MAX_LIMIT}). */
    static final int PAGE = 250;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    public FleetPages(URI base) {
        this.base = base;
    }

    /** Every row of the fleet; an answer other than 200 fails the read with its status. */
    public List<JsonNode> rows() throws IOException, InterruptedException {
        List<JsonNode> rows = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = page(next);
            page.path("endpoints").forEach(rows::add);
            next = page.path("next").textValue();
        } while (next != null);
        return rows;
    }

    /** One row only: the cheapest request that carries the summary and the scheduler's freshness. */
    public JsonNode head() throws IOException, InterruptedException {
        return send("/api/mcp/clients?limit=1");
    }

    private JsonNode page(String next) throws IOException, InterruptedException {
        return send("/api/mcp/clients?limit=" + PAGE
                + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    private JsonNode send(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + pathAndQuery + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
