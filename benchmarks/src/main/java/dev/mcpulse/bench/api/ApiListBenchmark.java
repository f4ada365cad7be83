package dev.mcpulse.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.JavaProcess;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.Stats;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * B4, API list: the whole fleet read through {@code GET /api/mcp/clients}, page by page ({@code limit=250}, following
 * {@code next}), at 1,000 and 10,000 endpoints, served by the api function's
 * routes behind the JDK's HTTP server in a process of its own ({@link ApiServerMain}) over DynamoDB Local in another, against the
 * bare SDK reads of the same items ({@link RawFleetReads}) made from this process in the same run. The two are
 * interleaved, request by request. Seeding goes through the real adapters and is not timed. Before the list was paged
 * this read the whole fleet in one response; what the dashboard reads now (one page) is B7's first page.
 */
public final class ApiListBenchmark implements Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One fleet size and how long to spend on it: warm-up and measurement end at their count or budget. */
    record Size(int endpoints, int warmups, Duration warmupBudget, int rounds, Duration budget) {
    }

    /** CPU ms per request, from /proc, summed over the measured requests: who serves it, and DynamoDB Local. */
    record Cpu(double serving, double dynamo) {
        double total() {
            return serving + dynamo;
        }
    }

    record Result(Size size, Stats api, Stats raw, long payloadBytes, Cpu apiCpu, Cpu rawCpu, double seedSeconds) {
        double ratio() {
            return api.median() / raw.median();
        }
    }

    /** The processes whose CPU is charged to each request: the API's (or, for raw reads, this one's) and DynamoDB Local's. */
    record Pids(long api, long self, long dynamo) {
    }

    @Override
    public String id() {
        return "B4";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        // The API process is new: 1,000 endpoints get a long warm-up (its JIT is cold; the raw client's is warm from
        // seeding), and 10,000 follow in the same process. Each phase also ends at its time budget (B4: ~2 min).
        List<Size> sizes = env.options().quick()
                ? List.of(new Size(100, 5, Duration.ofSeconds(5), 15, Duration.ofSeconds(10)),
                        new Size(1_000, 2, Duration.ofSeconds(5), 8, Duration.ofSeconds(10)))
                : List.of(new Size(1_000, 40, Duration.ofSeconds(12), 60, Duration.ofSeconds(18)),
                        new Size(10_000, 1, Duration.ofSeconds(10), 15, Duration.ofSeconds(25)));
        List<Result> results = new ArrayList<>();
        try (DynamoDbLocalProcess dynamo = DynamoDbLocalProcess.start(env.scratch(), "b4-dynamodb");
             DynamoDbClient client = dynamo.client()) {
            int port = freePort();
            try (JavaProcess api = JavaProcess.startWithClasspath("b4-api", BenchClasspath.without("mcpulse-local-"),
                    List.of("-Xmx1g"), ApiServerMain.class.getName(),
                    List.of(Integer.toString(port), dynamo.endpoint().toString(), DynamoDbLocalProcess.TABLE),
                    env.scratch().resolve("b4-api.log"))) {
                api.awaitLine(ApiServerMain.READY::equals, Duration.ofSeconds(120));
                FleetSeeder seeder = new FleetSeeder(client, DynamoDbLocalProcess.TABLE);
                RawFleetReads raw = new RawFleetReads(client, DynamoDbLocalProcess.TABLE);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI list = URI.create("http://127.0.0.1:" + port + "/api/mcp/clients");
                int seeded = 0;
                for (Size size : sizes) {
                    long seedStart = System.nanoTime();
                    seeder.seed(seeded, size.endpoints());
                    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
                    seeded = size.endpoints();
                    results.add(measure(size, http, list, raw, new Pids(api.pid(), ProcessHandle.current().pid(),
                            dynamo.pid()), seedSeconds));
                }
            }
        }
        return report(results);
    }

    private static Result measure(Size size, HttpClient http, URI list, RawFleetReads raw, Pids pids, double seedSeconds)
            throws Exception {
        long payloadBytes = verify(size.endpoints(), http, list, raw);
        rounds(size.warmups(), size.warmupBudget(), http, list, raw, pids, null, null, null);
        List<Double> apiMillis = new ArrayList<>();
        List<Double> rawMillis = new ArrayList<>();
        double[] cpuSeconds = new double[4];
        rounds(size.rounds(), size.budget(), http, list, raw, pids, apiMillis, rawMillis, cpuSeconds);
        Cpu apiCpu = new Cpu(cpuSeconds[0] * 1000 / apiMillis.size(), cpuSeconds[1] * 1000 / apiMillis.size());
        Cpu rawCpu = new Cpu(cpuSeconds[2] * 1000 / rawMillis.size(), cpuSeconds[3] * 1000 / rawMillis.size());
        return new Result(size, Stats.of(apiMillis), Stats.of(rawMillis), payloadBytes, apiCpu, rawCpu, seedSeconds);
    }

    /** Both sides see every endpoint before anything is timed; returns the size of the API's answer. */
    private static long verify(int endpoints, HttpClient http, URI list, RawFleetReads raw) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        long bytes = 0;
        for (String next = null; pages.isEmpty() || next != null; ) {
            byte[] body = get(http, next == null ? page(list, null) : page(list, next));
            bytes += body.length;
            JsonNode fleet = JSON.readTree(body);
            pages.add(fleet);
            next = fleet.path("next").isTextual() ? fleet.path("next").asText() : null;
        }
        int total = pages.getFirst().path("summary").path("total").asInt(-1);
        int listed = pages.stream().mapToInt(p -> p.path("endpoints").size()).sum();
        RawFleetReads.Counts counts = raw.read();
        if (total != endpoints || listed != endpoints || counts.endpoints() != endpoints
                || counts.snapshots() != endpoints || !counts.cycle()) {
            throw new IllegalStateException("expected " + endpoints + " endpoints; the API listed " + listed
                    + " (total " + total + "), the raw reads found " + counts);
        }
        return bytes;
    }

    /** The whole fleet, a page of 250 at a time: what a client reading everything does. */
    private static void getAll(HttpClient http, URI list) throws IOException, InterruptedException {
        String next = null;
        do {
            next = JSON.readTree(get(http, page(list, next))).path("next").textValue();
        } while (next != null);
    }

    private static URI page(URI list, String next) {
        return URI.create(list + "?limit=250" + (next == null ? "" : "&next=" + next));
    }

    /**
     * Runs up to {@code count} rounds of one API request and one raw read set within {@code budget}. When measuring,
     * records each wall time and adds CPU seconds to {@code cpuSeconds}: API process, DynamoDB Local during API
     * requests, this process, DynamoDB Local during raw reads (one request at a time, so each delta is its own).
     */
    private static void rounds(int count, Duration budget, HttpClient http, URI list, RawFleetReads raw, Pids pids,
                               List<Double> apiMillis, List<Double> rawMillis, double[] cpuSeconds) throws Exception {
        long ends = System.nanoTime() + budget.toNanos();
        for (int round = 0; round < count && System.nanoTime() < ends; round++) {
            // Alternate which goes first, so neither always runs right after the other.
            for (int k = 0; k < 2; k++) {
                boolean apiTurn = (round + k) % 2 == 0;
                long serving = apiTurn ? pids.api() : pids.self();
                double servingBefore = ProcessUsage.cpuSeconds(serving);
                double dynamoBefore = ProcessUsage.cpuSeconds(pids.dynamo());
                long start = System.nanoTime();
                if (apiTurn) {
                    getAll(http, list);
                } else {
                    raw.read();
                }
                double millis = (System.nanoTime() - start) / 1e6;
                if (apiMillis != null) {
                    (apiTurn ? apiMillis : rawMillis).add(millis);
                    int slot = apiTurn ? 0 : 2;
                    cpuSeconds[slot] += ProcessUsage.cpuSeconds(serving) - servingBefore;
                    cpuSeconds[slot + 1] += ProcessUsage.cpuSeconds(pids.dynamo()) - dynamoBefore;
                }
            }
        }
    }

    private static byte[] get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri.getPath() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private Section report(List<Result> results) {
        Section section = new Section(id(), "the whole fleet through GET /api/mcp/clients (pages of 250) against the raw DynamoDB reads")
                .header("endpoints", "requests", "API p50 ms", "API p99 ms", "API min ms", "raw p50 ms", "raw p99 ms",
                        "raw min ms", "p50 ratio", "p99 ratio", "payload (all pages)", "CPU ms / request: API + DynamoDB",
                        "CPU ms / request: raw + DynamoDB", "CPU ratio");
        for (Result r : results) {
            section.row(String.format(Locale.ROOT, "%,d", r.size().endpoints()), r.api().count(),
                    format(r.api().median()), format(r.api().percentile(99)), format(r.api().min()),
                    format(r.raw().median()), format(r.raw().percentile(99)), format(r.raw().min()),
                    format(r.ratio()) + "×", format(r.api().percentile(99) / r.raw().percentile(99)) + "×",
                    String.format(Locale.ROOT, "%.1f MiB", r.payloadBytes() / 1048576.0),
                    format(r.apiCpu().serving()) + " + " + format(r.apiCpu().dynamo()),
                    format(r.rawCpu().serving()) + " + " + format(r.rawCpu().dynamo()),
                    format(r.apiCpu().total() / r.rawCpu().total()) + "×");
            section.headline(String.format(Locale.ROOT, "API list p50 / raw reads p50 at %,d endpoints",
                    r.size().endpoints()), r.ratio(), "×", 1.5, true);
        }
        section.note("The API: the api function's routes (ApiDispatcher → FleetController → FleetQuery →"
                + " DynamoDbEndpointRegistry, DynamoDbSnapshotStore, DynamoDbCycleLog) with the production DynamoDB"
                + " client, behind the JDK's HTTP server in a JVM of its own (`ApiServerMain`, -Xmx1g; the same beans the"
                + " local runner serves; until 39a4674 Micronaut's HTTP server on Netty), over"
                + " DynamoDB Local in another (in memory). Requests: `java.net.http.HttpClient` from the benchmark"
                + " process, keep-alive, one at a time; the whole body is read. The list is paged: one API \"request\""
                + " here is the whole fleet read in pages of 250, each sending the last one's `next` (4 requests at"
                + " 1,000 endpoints, 40 at 10,000) — what a client reading everything does; the dashboard reads one"
                + " page, which B7 measures up to 100,000 endpoints.");
        section.note("The baseline: the reads that route needs, made from the benchmark process with a bare SDK"
                + " client (`UrlConnectionHttpClient`, as production): a Query of the FLEET partition's `ENDPOINT#`"
                + " items and one of its `SNAPSHOT#` items, each followed page by page (1 MB pages), and a"
                + " consistent GetItem of the last cycle — what the adapters do for this route, and no fewer reads"
                + " would do. The API adds the item → domain mapping, status derivation, the payload and its JSON.");
        section.note("Requests alternate API / raw (the order flips each round). Seeding (registry batch writes,"
                + " one conditional snapshot write per endpoint, a cycle record, through the real adapters) is not"
                + " timed. p99 over few samples is close to the maximum.");
        for (Result r : results) {
            section.note(String.format(Locale.ROOT, "%,d endpoints: DynamoDB Local spent %.0f ms of CPU per API request"
                            + " and %.0f ms per raw read set (the same reads), %.0f%% and %.0f%% of each one's CPU; the"
                            + " API process used %.1f× the CPU of the bare SDK client for the same items. Seeding took"
                            + " %.0f s (not timed in the figures).",
                    r.size().endpoints(), r.apiCpu().dynamo(), r.rawCpu().dynamo(),
                    100 * r.apiCpu().dynamo() / r.apiCpu().total(), 100 * r.rawCpu().dynamo() / r.rawCpu().total(),
                    r.apiCpu().serving() / r.rawCpu().serving(), r.seedSeconds()));
        }
        section.earlier("2026-11-22", "29f7284", "Profile (JFR of the API process, 2,000 endpoints, warm, while developing this benchmark): about half"
                + " of its CPU is the AWS SDK turning DynamoDB's JSON into items and copying them into the response"
                + " (the baseline pays the same: its client CPU equals that half), ~13% the item → domain mapping"
                + " (ItemReader, SortableInstant, URI and id checks), ~9% the JSON encoder, the rest the payload,"
                + " status derivation and Netty. The route makes no read it does not need: two paginated Queries (one"
                + " per sort-key prefix; the snapshot Query rather than BatchGetItem above 100 ids, one page per MB"
                + " instead of one call per 100 keys) and one GetItem. No hot spot stood out to fix.");
        section.note("CPU columns: CPU time from /proc of the process serving each request (the API process; for the"
                + " baseline, the benchmark process running the SDK client) and of DynamoDB Local, per request. On a busy"
                + " machine wall times stretch with the wait for a core; the CPU ratio shows what the API adds in work.");
        return section;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
