package dev.mcpulse.api;

import static dev.mcpulse.api.Seed.failed;
import static dev.mcpulse.api.Seed.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's fleet list (fleet-list.js, as the api serves it, run by Node) against the real api function behind
 * the loopback API Gateway stand-in, on a fleet of 1,000 endpoints: every request carries the filters and the cursor
 * as the API takes them, a page at a time, so the list never reads the whole fleet; a refresh reads the pages shown
 * again; an answer overtaken by a newer filter is dropped. The requests are those the function received.
 */
class DashboardPagingIT {

    static final int FLEET = 1_000;
    static final Path DRIVER = Path.of("src/test/resources/dashboard/fleet-list-driver.mjs");

    private static ApiHarness api;
    private static GatewayStandIn gateway;
    private static final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private static Map<String, JsonNode> steps;

    /** One request the function received: the step that made it, its path and its query parameters. */
    record Request(String step, String path, Map<String, String> query) {
    }

    @BeforeAll
    static void start() throws Exception {
        api = ApiHarness.start();
        api.clearFleet();
        api.registerAll(IntStream.range(0, FLEET).mapToObj(i -> Seed.entry(id(i), "name", "Endpoint " + i,
                "labels", Map.of("team", i % 10 == 0 ? "payments" : "search"))).toList());
        Seed seed = new Seed(api);
        for (int i = 0; i < FLEET; i += 20) {
            seed.checked(id(i), healthy(3), Duration.ofSeconds(30));
        }
        for (int i = 5; i < FLEET; i += 100) {
            seed.checked(id(i), failed(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401, Optional.of("Bearer"),
                    Optional.of("invalid_token"))), Duration.ofSeconds(30));
        }
        ApiFunction function = api.function();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> counted = (event, context) -> {
            if (event.getRawPath().startsWith("/api/")) {
                requests.add(new Request(event.getHeaders().getOrDefault("x-test-step", ""), event.getRawPath(),
                        query(event.getRawQueryString())));
            }
            return function.handleRequest(event, context);
        };
        gateway = new GatewayStandIn(counted);
        steps = drive();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theFirstPageIsOneRequestOfAHundredWithTheWholeFleetsSummary() {
        assertThat(requestsOf("first")).extracting(Request::query).containsExactly(Map.of("limit", "100"));
        JsonNode first = steps.get("first");
        assertThat(first.get("rows").asInt()).isEqualTo(100);
        assertThat(first.get("ids").get(0).asText()).isEqualTo("ep-0000");
        assertThat(first.get("next").isTextual()).isTrue();
        assertThat(first.get("total").asInt()).isEqualTo(FLEET);
    }

    @Test
    void loadMoreSendsTheCursorOfThePageBeforeIt() {
        assertThat(requestsOf("more")).extracting(Request::query)
                .containsExactly(Map.of("limit", "100", "next", steps.get("first").get("next").asText()));
        JsonNode more = steps.get("more");
        assertThat(more.get("rows").asInt()).isEqualTo(200);
        assertThat(more.get("ids").get(100).asText()).isEqualTo("ep-0100");
    }

    @Test
    void aRefreshReadsThePagesShownAgainAndNoMore() {
        List<Request> refresh = requestsOf("refresh");
        assertThat(refresh).hasSize(2);
        assertThat(refresh.get(0).query()).isEqualTo(Map.of("limit", "100"));
        assertThat(refresh.get(1).query()).containsEntry("limit", "100").containsKey("next");
        assertThat(steps.get("refresh").get("ids")).isEqualTo(steps.get("more").get("ids"));
    }

    @Test
    void filtersAreTheApisAndTheRowsMatchThem() {
        // "EP-0" could begin an id: the ids that start with it are asked for too, and the search makes one request
        assertThat(requestsOf("filtered")).extracting(Request::query).containsExactly(
                Map.of("status", "connected", "label", "team:payments", "id_prefix", "ep-0", "limit", "100"),
                Map.of("status", "connected", "label", "team:payments", "search", "EP-0", "limit", "100"));
        JsonNode filtered = steps.get("filtered");
        // connected: every 20th; team payments: every 10th; "ep-0" in the id: all of ep-0000 … ep-0999
        assertThat(filtered.get("rows").asInt()).isEqualTo(50);
        assertThat(filtered.get("statuses")).extracting(JsonNode::asText).containsExactly("connected");
        assertThat(filtered.get("teams")).extracting(JsonNode::asText).containsExactly("payments");
        assertThat(filtered.get("next").isNull()).isTrue();
        assertThat(filtered.get("total").asInt()).as("the summary stays the fleet's").isEqualTo(FLEET);
    }

    @Test
    void anAnswerOvertakenByANewerFilterIsDropped() {
        JsonNode overtaken = steps.get("overtaken");
        assertThat(overtaken.get("result")).extracting(JsonNode::asBoolean).containsExactly(false, true);
        assertThat(overtaken.get("statuses")).extracting(JsonNode::asText).containsExactly("unhealthy");
        assertThat(overtaken.get("rows").asInt()).isEqualTo(10);
        assertThat(requestsOf("more-after-last")).as("no next, no request").isEmpty();
    }

    /**
     * A search that could begin an id asks the API for the ids that start with it (answered from the table's keys,
     * at any fleet size) and shows them first, each row once; one that cannot (a name, with a space) only searches.
     */
    @Test
    void aSearchThatCouldBeginAnIdShowsTheIdsStartingWithItFirst() {
        assertThat(requestsOf("by-id")).extracting(Request::query).containsExactly(
                Map.of("id_prefix", "ep-0999", "limit", "100"), Map.of("search", "EP-0999", "limit", "100"));
        assertThat(steps.get("by-id").get("ids")).extracting(JsonNode::asText).containsExactly("ep-0999");
        // shown as soon as the first answer is in, before the search's request is made
        JsonNode early = steps.get("by-id").get("pinnedSeen");
        assertThat(early).hasSize(1);
        assertThat(early.get(0).get("ids")).extracting(JsonNode::asText).containsExactly("ep-0999");
        assertThat(early.get(0).get("requests").asInt()).isEqualTo(1);
        assertThat(steps.get("by-name").get("pinnedSeen")).isEmpty();

        assertThat(requestsOf("by-name")).extracting(Request::query).containsExactly(
                Map.of("search", "Endpoint 99", "limit", "100"));
        assertThat(steps.get("by-name").get("ids")).extracting(JsonNode::asText)
                .containsExactly("ep-0099", "ep-0990", "ep-0991", "ep-0992", "ep-0993", "ep-0994", "ep-0995", "ep-0996",
                        "ep-0997", "ep-0998", "ep-0999");
    }

    @Test
    void theWholeSessionReadsAFractionOfTheFleetAPageAtATime() {
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/mcp/clients");
            assertThat(r.query()).containsEntry("limit", "100");
        });
        assertThat(requests).hasSize(1 + 1 + 2 + 2 + 2 + 2 + 1);
        // a request by id prefix reads only the ids it matches (PartitionSpreadIT), the others up to a page each
        assertThat(requests.stream().filter(r -> !r.query().containsKey("id_prefix")).count() * 100)
                .as("rows the session could have read at most").isLessThan(FLEET);
    }

    private static List<Request> requestsOf(String step) {
        return requests.stream().filter(r -> r.step().equals(step)).toList();
    }

    /** Runs the driver once; its steps by name. */
    private static Map<String, JsonNode> drive() throws Exception {
        Process node = new ProcessBuilder("node", DRIVER.toString(), gateway.uri().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the driver ends").isTrue();
        assertThat(node.exitValue()).as("the driver's exit code; its output: %s", out).isZero();
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byStep = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            JsonNode step = json.readTree(line);
            byStep.put(step.get("step").asText(), step);
        }
        assertThat(byStep).containsOnlyKeys("first", "more", "refresh", "filtered", "overtaken", "more-after-last",
                "by-id", "by-name");
        return byStep;
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(raw.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : "", (a, b) -> a + "," + b,
                LinkedHashMap::new));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String id(int i) {
        return String.format("ep-%04d", i);
    }
}
