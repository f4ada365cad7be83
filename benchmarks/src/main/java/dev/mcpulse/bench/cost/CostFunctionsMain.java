package dev.mcpulse.bench.cost;

import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.ShiftedClock;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.api.ApiFunction;
import dev.mcpulse.probe.ProbeHandler;
import dev.mcpulse.scheduler.CycleSummary;
import dev.mcpulse.scheduler.SchedulerHandler;
import io.micronaut.context.ApplicationContext;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The cost run's child process: the three functions' real handlers, each on a Micronaut context of its own as in
 * its Lambda function, against DynamoDB Local and ElasticMQ. Each cycle: the scheduler's handler sends the shards to
 * the probe queue; each shard is then received as the event source mapping does (BatchSize 1), handed to the probe
 * handler as its own invocation, one after the other (so each shard's wall time and CPU are its own, as on a Lambda
 * function's one core), and deleted; the clock moves one interval on. After the cycles, the dashboard's requests go
 * through the api function's handler. Every AWS call and log line is counted per phase ({@link Meter}); the figures
 * go to a JSON file, and standard output gets one line, {@code BENCH done}.
 *
 * <p>Arguments: {@code key=value} ({@link CostRun#childArguments}).
 */
public final class CostFunctionsMain {

    static final String DONE = "BENCH done";

    private final Map<String, String> args;
    /** The functions' clock: the real now, moved on one probe interval per cycle (no waiting for real intervals). */
    private final ShiftedClock clock = new ShiftedClock();
    private final ObjectMapper json = new ObjectMapper();

    private CostFunctionsMain(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            args.put(argument.substring(0, eq), argument.substring(eq + 1));
        }
        PrintStream answers = System.out;
        // Before any logger exists: the functions' console appender and EMF lines write to this stream.
        System.setOut(new PrintStream(new LogCapture(new FileOutputStream(args.get("log"))), true, StandardCharsets.UTF_8));
        new CostFunctionsMain(args).run();
        answers.println(DONE);
        answers.flush();
        System.exit(0);
    }

    private void run() throws Exception {
        Meter.clock(clock::instant);
        ApplicationContext probeContext = start("probe", Map.of(
                "mcpulse.local.mode", "true", // the fleet is on loopback, which the guarded resolver refuses otherwise
                "mcpulse.secrets.source", "local"));
        ProbeHandler probe = new ProbeHandler(probeContext);
        ApplicationContext schedulerContext = start("scheduler", Map.of(
                "mcpulse.probe.queue.url", args.get("queueUrl"),
                "mcpulse.sqs.endpoint", args.get("sqsEndpoint"),
                "mcpulse.shard.size", args.get("shardSize"),
                "mcpulse.jitter.seconds", "0"));
        SchedulerHandler scheduler = new SchedulerHandler(schedulerContext);
        ApplicationContext apiContext = start("api", Map.of(
                "mcpulse.local.mode", "true",
                "mcpulse.secrets.source", "local",
                "mcpulse.auth.public-read", "true"));
        ApiFunction api = new ApiFunction(apiContext);
        Meter.phase("setup");
        try (SqsClient eventSourceMapping = sqsClient()) {
            int cycles = Integer.parseInt(args.get("cycles"));
            Duration interval = Duration.ofSeconds(Long.parseLong(args.get("intervalSeconds")));
            for (int cycle = 1; cycle <= cycles; cycle++) {
                cycle(cycle, scheduler, probe, eventSourceMapping);
                clock.advance(interval);
            }
            // The API is asked a little after the last cycle's checks, as a dashboard would see them.
            clock.advance(Duration.ofSeconds(30));
            dashboard(api, Integer.parseInt(args.get("apiRepeats")));
        } finally {
            apiContext.close();
            schedulerContext.close();
            probeContext.close();
            Meter.phase("setup");
            json.writeValue(Path.of(args.get("out")).toFile(), Map.of("phases", Meter.all()));
        }
    }

    /** A function's context, as its handler would build it, timed from nothing to ready. */
    private ApplicationContext start(String function, Map<String, Object> own) {
        Meter.phase("init:" + function);
        long start = System.nanoTime();
        Map<String, Object> properties = new LinkedHashMap<>(own);
        properties.put("mcpulse.storage.dynamodb.table-name", args.get("table"));
        properties.put("mcpulse.storage.dynamodb.endpoint", args.get("dynamodb"));
        properties.put("mcpulse.probe.interval.seconds", args.get("intervalSeconds"));
        properties.put("mcpulse.metrics.function-name", "mcpulse-" + function);
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).banner(false)
                .properties(properties).singletons(clock).start();
        Meter.figure("wallNanos", System.nanoTime() - start);
        return context;
    }

    private void cycle(int cycle, SchedulerHandler scheduler, ProbeHandler probe, SqsClient eventSourceMapping)
            throws Exception {
        Meter.phase("scheduler#" + cycle);
        long start = System.nanoTime();
        long cpu = ProcessUsage.ownCpuNanos();
        CycleSummary summary = scheduler.handleRequest(new ScheduledEvent(),
                Invocation.of("mcpulse-scheduler", memory("scheduler"), timeout("scheduler")));
        Meter.figure("wallNanos", System.nanoTime() - start);
        Meter.figure("cpuNanos", ProcessUsage.ownCpuNanos() - cpu);
        Meter.figure("due", summary.endpointsDue());
        Meter.figure("enabled", summary.endpointsEnabled());
        Meter.figure("skippedInBackoff", summary.skippedInBackoff());
        Meter.figure("shards", summary.shardsDispatched());

        int received = 0;
        for (int attempt = 0; received < summary.shardsDispatched() && attempt < 3 * summary.shardsDispatched() + 3;
             attempt++) {
            Meter.phase("esm#" + cycle);
            List<Message> batch = eventSourceMapping.receiveMessage(r -> r.queueUrl(args.get("queueUrl"))
                    .maxNumberOfMessages(1) // the template's BatchSize
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            for (Message message : batch) {
                received++;
                shard(cycle, received, message, probe);
                Meter.phase("esm#" + cycle);
                eventSourceMapping.deleteMessage(d -> d.queueUrl(args.get("queueUrl"))
                        .receiptHandle(message.receiptHandle()));
            }
        }
        if (received != summary.shardsDispatched()) {
            throw new IllegalStateException("cycle " + cycle + ": " + summary.shardsDispatched() + " shards sent, "
                    + received + " received");
        }
    }

    private void shard(int cycle, int index, Message message, ProbeHandler probe) throws Exception {
        Meter.phase("probe#" + cycle + "#" + index);
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setEventSource("aws:sqs");
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        long start = System.nanoTime();
        long cpu = ProcessUsage.ownCpuNanos();
        var response = probe.handleRequest(event, Invocation.of("mcpulse-probe", memory("probe"), timeout("probe")));
        Meter.figure("wallNanos", System.nanoTime() - start);
        Meter.figure("cpuNanos", ProcessUsage.ownCpuNanos() - cpu);
        Meter.figure("failedItems", response.getBatchItemFailures().size());
        List<String> ids = new ArrayList<>();
        json.readTree(message.body()).path("endpointIds").forEach(id -> ids.add(id.asText()));
        Meter.figure("endpoints", ids.size());
        Meter.figure("ids", String.join(",", ids));
        Meter.figure("messageBytes", message.body().getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * What an open dashboard asks each time it refreshes (functions/api/…/dashboard/app.js): the first page at the
     * API's default size, then pages of the dashboard's size; and one endpoint's detail with its history, as each
     * row's sparkline asks. Each request {@code repeats} times: the first in a fresh function pays its warm-up.
     */
    private void dashboard(ApiFunction api, int repeats) throws Exception {
        String next = null;
        for (int i = 0; i < repeats; i++) {
            Meter.phase("api:first#" + i);
            JsonNode first = json.readTree(get(api, "/api/mcp/clients", Map.of()));
            Meter.figure("rows", first.path("endpoints").size());
            next = first.path("next").asText(null);
        }
        if (next == null) {
            throw new IllegalStateException("the fleet's first page has no next page: make the fleet larger than a page");
        }
        for (int i = 0; i < repeats; i++) {
            Meter.phase("api:page#" + i);
            JsonNode page = json.readTree(get(api, "/api/mcp/clients", Map.of("limit", args.get("pageSize"), "next", next)));
            Meter.figure("rows", page.path("endpoints").size());
        }
        String held = null;
        for (int i = 0; i < repeats; i++) {
            Meter.phase("api:detail#" + i);
            JsonNode detail = json.readTree(get(api, "/api/mcp/clients/" + args.get("detailId"),
                    Map.of("history", args.get("history"))));
            Meter.figure("historyItems", detail.path("history").size());
            held = detail.path("history").path(1).path("checked_at").asText(null);
        }
        if (held == null) {
            throw new IllegalStateException("the chart's endpoint has fewer than two checks");
        }
        // A chart that holds every check but the newest asks for the one it lacks, as app.js does after a new check.
        for (int i = 0; i < repeats; i++) {
            Meter.phase("api:detailAfter#" + i);
            JsonNode update = json.readTree(get(api, "/api/mcp/clients/" + args.get("detailId"),
                    Map.of("history", args.get("history"), "history_after", held)));
            if (!update.path("history_continues").asBoolean() || update.path("history").size() != 1) {
                throw new IllegalStateException("a chart's update did not continue it with the one newer check: " + update);
            }
            Meter.figure("historyItems", update.path("history").size());
        }
    }

    private String get(ApiFunction api, String path, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        context.setHttp(http);
        context.setRequestId("cost-" + System.nanoTime());
        event.setRequestContext(context);
        event.setRawPath(path);
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setHeaders(Map.of("accept", "application/json", "host", "api.example.com"));
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        StringBuilder raw = new StringBuilder();
        query.forEach((name, value) -> raw.append(raw.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        event.setRawQueryString(raw.toString());
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = api.handleRequest(event,
                Invocation.of("mcpulse-api", memory("api"), timeout("api")));
        Meter.figure("wallNanos", System.nanoTime() - start);
        Meter.figure("status", response.getStatusCode());
        String body = response.getBody() == null ? "" : response.getBody();
        if (response.getIsBase64Encoded()) {
            body = new String(java.util.Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Meter.figure("responseBytes", body.getBytes(StandardCharsets.UTF_8).length);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.getStatusCode() + ": " + body);
        }
        return body;
    }

    private SqsClient sqsClient() {
        return SqsClient.builder().endpointOverride(URI.create(args.get("sqsEndpoint"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private int memory(String function) {
        return Integer.parseInt(args.get(function + "MemoryMb"));
    }

    private int timeout(String function) {
        return Integer.parseInt(args.get(function + "TimeoutSeconds"));
    }
}
