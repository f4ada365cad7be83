package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads {@code GET /api/mcp/clients} of a running mcpulse over real HTTP, and polls it until a condition holds. */
final class FleetApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Generous: while 200 probes write to DynamoDB Local, one listing can take seconds; the poll has its own deadline. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI clients;

    FleetApi(int port) {
        this.clients = URI.create("http://127.0.0.1:" + port + "/api/mcp/clients");
    }

    /**
     * The list payload with every page's endpoints (the route pages: {@code next} is followed to the last page) and
     * the last page's summary, or empty while nothing answers yet.
     */
    Optional<Map<String, Object>> fetch() {
        try {
            Map<String, Object> first = page(clients);
            List<Map<String, Object>> all = new ArrayList<>(endpoints(first));
            Map<String, Object> last = first;
            Object next = first.get("next");
            for (int pages = 1; next != null; pages++) {
                assertThat(pages).as("pages of GET %s", clients).isLessThan(1_000);
                last = page(URI.create(clients + "?limit=250&next="
                        + URLEncoder.encode((String) next, StandardCharsets.UTF_8)));
                all.addAll(endpoints(last));
                next = last.get("next");
            }
            // The summary and scheduler of the last page: read after every row above, so no row listed is newer
            // than them (the first page's summary may predate checks that later pages show).
            Map<String, Object> whole = new HashMap<>(last);
            whole.put("endpoints", all);
            return Optional.of(whole);
        } catch (java.net.ConnectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> page(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return ObjectMapper.getDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    /** Polls until the payload satisfies {@code done}; fails with the last payload seen when the deadline passes. */
    Map<String, Object> awaitFleet(Duration deadline, Predicate<Map<String, Object>> done, Runnable whileWaiting) {
        Instant until = Instant.now().plus(deadline);
        Optional<Map<String, Object>> last = Optional.empty();
        while (Instant.now().isBefore(until)) {
            whileWaiting.run();
            last = fetch();
            if (last.isPresent() && done.test(last.get())) {
                return last.get();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the fleet did not reach the expected state within " + deadline + "; last seen: "
                + last.map(Object::toString).orElse("no answer"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> endpoints(Map<String, Object> fleet) {
        return (List<Map<String, Object>>) fleet.get("endpoints");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> field(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }
}
