package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.StatusChangePublisher;
import dev.mcpulse.eventbridge.EventBridgeStatusChangePublisher;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.EventBridgeStandIn;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Check now" publishes its status changes to EventBridge as the probe function does: the api function's jar has
 * the shared EventBridge adapter, and the real EventBridge client talks to a loopback PutEvents stand-in.
 */
class CheckNowEventsHandlerTest {

    private static EventBridgeStandIn eventBridge;
    private static RunningServer server;
    private static ApiHarness api;

    @BeforeAll
    static void start() throws IOException {
        eventBridge = new EventBridgeStandIn();
        server = JavaSdkServers.builder("payments", "2.3.0").standardTools().start();
        api = ApiHarness.start(Map.of(
                "mcpulse.event.bus.name", "mcpulse-test-bus",
                "mcpulse.eventbridge.endpoint", eventBridge.url().toString()));
    }

    @AfterAll
    static void stop() {
        api.close();
        server.close();
        eventBridge.close();
    }

    @Test
    void aStatusChangedByCheckNowIsPublishedOnceAndAnUnchangedOneIsNot() {
        assertThat(api.context.getBean(StatusChangePublisher.class))
                .isInstanceOf(EventBridgeStatusChangePublisher.class);
        api.register(Seed.entry("payments-mcp", "url", server.url().toString()));

        ApiHarness.Response first = api.request("check-now.json").admin().send();
        assertThat(first.status()).isEqualTo(200);
        List<Map<String, Object>> events = events();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst()).containsEntry("Source", "mcpulse")
                .containsEntry("DetailType", "Endpoint Status Changed").containsEntry("EventBusName", "mcpulse-test-bus");
        assertThat(events.getFirst().get("Detail").toString()).contains("\"id\":\"payments-mcp\"",
                "\"from\":\"configured_but_unconnected\"", "\"to\":\"connected\"", "\"reason\":\"ok\"", "\"checkedAt\"");

        // Still connected: nothing changed, nothing is published.
        assertThat(api.request("check-now.json").admin().send().status()).isEqualTo(200);
        assertThat(events()).hasSize(1);
    }

    private static List<Map<String, Object>> events() {
        JsonMapper json = api.context.getBean(JsonMapper.class);
        return eventBridge.putEventsBodies.stream().flatMap(body -> entries(json, body).stream()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(JsonMapper json, String body) {
        try {
            return (List<Map<String, Object>>) json.readValue(body, Map.class).get("Entries");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
