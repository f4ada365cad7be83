package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.FIXED;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeStep;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored size (DynamoDB's rule: attribute names + values) of one realistic item of each kind, through the
 * real mappers: the figures infra/table/README.md prices reads and writes with. Printed, and held under 1 KB so a
 * write stays one WCU.
 */
class StoredItemSizeTest {

    private static final Endpoint TYPICAL_ENDPOINT = new Endpoint(id("payments-prod-mcp"), "Payments (prod)",
            Map.of("team", "payments", "env", "prod"), URI.create("https://mcp.payments.example.com/mcp"),
            Transport.AUTO, new AuthRef.Bearer(new AuthRef.SecretRef("mcpulse/prod/payments-prod-mcp", Optional.empty())),
            Duration.ofSeconds(10), Optional.of(new Readiness("get_me", Map.of())), true);

    private static final HealthSnapshot TYPICAL_SNAPSHOT = new HealthSnapshot(id("payments-prod-mcp"), FIXED,
            OutcomeKind.OK, Optional.empty(), Optional.of(200), Optional.empty(), Optional.of(27),
            Optional.of("sha256:" + "3f".repeat(32)), Optional.of(FIXED.minusSeconds(86_400)), Optional.of(Era.MODERN),
            Optional.of("2026-07-28"), Optional.of("payments-mcp"), Optional.of("2.4.0"),
            new Latency(Optional.of(48L), Optional.of(31L), Optional.of(95L), 181L), 0, 0, Optional.of(FIXED),
            FIXED.plusSeconds(300));

    /** The largest snapshot the mapper writes: a failure with a full 300-character error. */
    private static final HealthSnapshot LARGEST_FAILURE = new HealthSnapshot(id("payments-prod-mcp"), FIXED,
            OutcomeKind.RPC_ERROR, Optional.of(ProbeStep.TOOLS_LIST), Optional.of(200), Optional.of("x".repeat(300)),
            Optional.of(27), Optional.of("sha256:" + "3f".repeat(32)), Optional.of(FIXED.minusSeconds(86_400)),
            Optional.of(Era.LEGACY_STREAMABLE_HTTP), Optional.of("2025-11-25"), Optional.of("payments-mcp"),
            Optional.of("2.4.0"), new Latency(Optional.of(48L), Optional.of(31L), Optional.empty(), 181L), 12, 0,
            Optional.of(FIXED.minusSeconds(3_600)), FIXED.plusSeconds(1_800));

    @Test
    void theSizeRuleCountsNamesValuesAndNestingAsDynamoDbDoes() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("FLEET#2"),
                "sk", AttributeValue.fromS("ENDPOINT#a"), "n", AttributeValue.fromN("12345"),
                "m", AttributeValue.fromM(Map.of("x", AttributeValue.fromBool(true))));

        // names 2+2+1+1; values 7 + 10 + (3 digit pairs -> 3, +1) + (map 3 + "x" 1 + true 1 + 1 per element)
        assertThat(DynamoDbItemSize.bytes(item)).isEqualTo(6 + 7 + 10 + 4 + 6);
        assertThat(DynamoDbItemSize.numberBytes("-0.00120")).isEqualTo(2);
    }

    @Test
    void aTypicalEndpointAndSnapshotEachFitOneWriteUnit() {
        long endpoint = DynamoDbItemSize.bytes(EndpointItemMapper.toItem(TYPICAL_ENDPOINT));
        long snapshot = DynamoDbItemSize.bytes(SnapshotItemMapper.toItem(TYPICAL_SNAPSHOT));
        long failure = DynamoDbItemSize.bytes(SnapshotItemMapper.toItem(LARGEST_FAILURE));
        long history = DynamoDbItemSize.bytes(HistoryItemMapper.toItem(
                new HistoryEntry(id("payments-prod-mcp"), FIXED, OutcomeKind.OK, Optional.of(200), 181), Duration.ofDays(7)));
        System.out.printf("stored item sizes: endpoint %d B, ok snapshot %d B, failure with a 300-char error %d B,"
                + " history %d B%n", endpoint, snapshot, failure, history);

        assertThat(endpoint).isBetween(100L, 1023L);
        assertThat(snapshot).isBetween(100L, 1023L);
        assertThat(failure).isGreaterThan(snapshot + 250).isLessThan(1024L);
        assertThat(history).isBetween(50L, 1023L);
    }
}
