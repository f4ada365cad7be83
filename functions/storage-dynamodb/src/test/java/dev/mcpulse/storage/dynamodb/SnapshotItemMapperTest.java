package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.FIXED;
import static dev.mcpulse.storage.dynamodb.Fixtures.cycle;
import static dev.mcpulse.storage.dynamodb.Fixtures.failedSnapshot;
import static dev.mcpulse.storage.dynamodb.Fixtures.history;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.Latency;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Snapshot, history and cycle items: round trips and the shape the table design promises. */
class SnapshotItemMapperTest {

    @Test
    void fullAndSparseSnapshotsSurviveTheRoundTrip() {
        HealthSnapshot full = okSnapshot(id("a"), FIXED);
        HealthSnapshot sparse = failedSnapshot(id("b"), FIXED, 4);

        assertThat(SnapshotItemMapper.fromItem(SnapshotItemMapper.toItem(full))).isEqualTo(full);
        assertThat(SnapshotItemMapper.fromItem(SnapshotItemMapper.toItem(sparse))).isEqualTo(sparse);
    }

    /** An OAuth check keeps its token step and when its access token expires (the token itself is nowhere to keep). */
    @Test
    void anOAuthSnapshotKeepsItsTokenStepAndTokenExpiry() {
        HealthSnapshot ok = okSnapshot(id("oauth"), FIXED);
        HealthSnapshot oauth = new HealthSnapshot(ok.endpointId(), ok.checkedAt(), ok.outcome(), ok.failedStep(),
                ok.httpStatus(), ok.lastError(), ok.toolsCount(), ok.toolsHash(), ok.toolsChangedAt(), ok.era(),
                ok.protocolVersion(), ok.serverName(), ok.serverVersion(),
                new Latency(Optional.of(40L), Optional.of(25L), Optional.empty(), 190L, Optional.of(35L)),
                0, 0, ok.lastSuccessAt(), ok.nextProbeAfter(), Optional.of(FIXED.plusSeconds(3600)));

        Map<String, AttributeValue> item = SnapshotItemMapper.toItem(oauth);

        assertThat(item.get("latency").m().get("tokenMs").n()).isEqualTo("35");
        assertThat(item.get("tokenExpiresAt").s()).isEqualTo("2026-11-22T11:00:00.123456789Z");
        assertThat(SnapshotItemMapper.fromItem(item)).isEqualTo(oauth);
        assertThat(SnapshotItemMapper.toItem(ok)).doesNotContainKey("tokenExpiresAt");
    }

    @Test
    void theSnapshotItemSitsBesideTheEndpointInTheFleetPartition() {
        Map<String, AttributeValue> item = SnapshotItemMapper.toItem(failedSnapshot(id("b"), FIXED, 4));

        assertThat(item.get("pk").s()).isEqualTo("FLEET#9"); // CRC-32("b") mod 16, as its endpoint's
        assertThat(item.get("pk")).isEqualTo(TableKeys.endpoint(id("b")).get("pk"));
        assertThat(item.get("sk").s()).isEqualTo("SNAPSHOT#b");
        assertThat(item.get("checkedAt").s()).isEqualTo("2026-11-22T10:00:00.123456789Z");
        assertThat(item.get("outcome").s()).isEqualTo("auth_rejected");
        assertThat(item.get("connected").bool()).isFalse();
        assertThat(item.get("failedStep").s()).isEqualTo("initialize");
        assertThat(item.get("consecutiveFailures").n()).isEqualTo("4");
        assertThat(item).doesNotContainKeys("toolsCount", "toolsHash", "era", "serverName", "lastSuccessAt");
        assertThat(item.get("latency").m()).containsOnlyKeys("totalMs");
    }

    @Test
    void historyItemsHaveAPartitionPerEndpointSortedByCheckTimeAndExpireAfterTheirTtl() {
        Map<String, AttributeValue> item = HistoryItemMapper.toItem(history(id("a"), FIXED), Duration.ofDays(7));

        assertThat(item.get("pk").s()).isEqualTo("HISTORY#a");
        assertThat(item.get("sk").s()).isEqualTo("2026-11-22T10:00:00.123456789Z");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(FIXED.getEpochSecond() + 7 * 24 * 3600));
        assertThat(HistoryItemMapper.fromItem(item)).isEqualTo(history(id("a"), FIXED));
    }

    @Test
    void theCycleItemHasOneFixedKey() {
        Map<String, AttributeValue> item = CycleItemMapper.toItem(cycle(FIXED, 7));

        assertThat(item.get("pk").s()).isEqualTo("SCHEDULER");
        assertThat(item.get("sk").s()).isEqualTo("LAST_CYCLE");
        assertThat(CycleItemMapper.fromItem(item)).isEqualTo(cycle(FIXED, 7));
    }
}
