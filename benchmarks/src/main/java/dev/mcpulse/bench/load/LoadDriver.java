package dev.mcpulse.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives the two routes with a fixed number of requests in flight for a fixed time: half the workers list the fleet
 * ({@code GET /api/mcp/clients}), the others ask for "check now" ({@code POST /api/mcp/clients/{id}/check}, admin
 * token), endpoint after endpoint. Each worker sends its next request when the previous one is answered (a closed
 * loop), and stops at the deadline; every request has its own timeout, so the run is bounded.
 */
final class LoadDriver {

    static final String LIST_ROUTE = "GET /api/mcp/clients";
    static final String CHECK_ROUTE = "POST /api/mcp/clients/{id}/check";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(RouteStats list, RouteStats check, Duration elapsed, int listWorkers, int checkWorkers) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String adminToken;
    private final List<String> ids;

    LoadDriver(URI base, String adminToken, List<String> ids) {
        this.base = base;
        this.adminToken = adminToken;
        this.ids = List.copyOf(ids);
    }

    Result run(int concurrency, Duration duration) throws InterruptedException {
        RouteStats list = new RouteStats(LIST_ROUTE);
        RouteStats check = new RouteStats(CHECK_ROUTE);
        int listWorkers = concurrency / 2;
        int checkWorkers = concurrency - listWorkers;
        AtomicInteger nextId = new AtomicInteger();
        HttpRequest listRequest = HttpRequest.newBuilder(base.resolve("/api/mcp/clients"))
                .header("Accept", "application/json").timeout(REQUEST_TIMEOUT).GET().build();

        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Runnable> loops = new ArrayList<>();
        for (int w = 0; w < listWorkers; w++) {
            loops.add(() -> loop(deadline, list, () -> listRequest, false));
        }
        for (int w = 0; w < checkWorkers; w++) {
            loops.add(() -> loop(deadline, check,
                    () -> checkRequest(ids.get(Math.floorMod(nextId.getAndIncrement(), ids.size()))), true));
        }
        loops.forEach(workers::execute);
        workers.shutdown();
        if (!workers.awaitTermination(duration.plus(REQUEST_TIMEOUT).plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
        return new Result(list, check, Duration.ofNanos(System.nanoTime() - start), listWorkers, checkWorkers);
    }

    private HttpRequest checkRequest(String id) {
        return HttpRequest.newBuilder(base.resolve("/api/mcp/clients/" + id + "/check"))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private interface RequestSource {
        HttpRequest next();
    }

    private void loop(long deadline, RouteStats stats, RequestSource requests, boolean tallyOutcomes) {
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            long sent = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(requests.next(), HttpResponse.BodyHandlers.ofByteArray());
                stats.answered(response.statusCode(), (System.nanoTime() - sent) / 1e6);
                if (tallyOutcomes && response.statusCode() / 100 == 2) {
                    stats.outcome(JSON.readTree(response.body()).path("endpoint").path("last_outcome").asText("(none)"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                stats.failed(e);
            }
        }
    }
}
