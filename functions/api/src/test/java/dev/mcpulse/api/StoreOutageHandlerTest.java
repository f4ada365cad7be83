package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An infrastructure fault (the snapshot store is down) is the one case that may answer 5xx: the client gets the API's
 * JSON error without the fault's own text, and the log has the fault with the request id to find it by.
 */
class StoreOutageHandlerTest {

    static final String INTERNAL_DETAIL = "ProvisionedThroughputExceeded on table mcpulse-prod-7f3e";

    private static ApiHarness api;
    private static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        api = ApiHarness.start(Map.of("test.store.outage", "true"));
        api.register(Seed.entry("payments-mcp"));
    }

    @AfterAll
    static void stop() {
        api.close();
        logs.close();
    }

    @Test
    void readRoutesAnswer500JsonWithoutTheFaultText() {
        for (String fixture : List.of("list-clients.json", "get-client.json")) {
            ApiHarness.Response response = api.request(fixture).send();

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("content-type")).startsWith("application/json");
            assertThat(api.parse(response.body())).containsEntry("error", "internal_error")
                    .containsEntry("message", "the request failed on the server; it is logged with request id "
                            + response.header("x-request-id"));
            assertThat(response.body()).doesNotContain(INTERNAL_DETAIL, "Exception", "dev.mcpulse");
        }
        assertThat(logs.lines()).anyMatch(line -> line.contains("\"level\":\"ERROR\"")
                && line.contains("CnDhDgW3joEEMdg=") && line.contains(INTERNAL_DETAIL));
    }

    /** The store outage: a fault DynamoDB Local cannot be asked to produce on one call, so it is simulated here. */
    @Singleton
    @Replaces(SnapshotStore.class)
    @Requires(property = "test.store.outage", value = "true")
    static final class UnavailableSnapshotStore implements SnapshotStore {

        private static IllegalStateException down() {
            return new IllegalStateException(INTERNAL_DETAIL);
        }

        @Override
        public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
            throw down();
        }

        @Override
        public Optional<HealthSnapshot> latest(EndpointId id) {
            throw down();
        }

        @Override
        public Map<EndpointId, HealthSnapshot> latest(Collection<EndpointId> ids) {
            throw down();
        }

        @Override
        public void appendHistory(HistoryEntry entry) {
            throw down();
        }

        @Override
        public List<HistoryEntry> history(EndpointId id, int limit) {
            throw down();
        }

        @Override
        public void supersede(EndpointId id, java.time.Instant at) {
            throw down();
        }
    }
}
