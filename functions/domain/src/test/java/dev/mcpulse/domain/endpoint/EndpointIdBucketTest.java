package dev.mcpulse.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EndpointIdBucketTest {

    @Test
    void theBucketIsFixedByTheIdAlone() {
        // pinned to CRC-32 so that a change of function (which would strand every stored key and every reader's
        // lookup) fails here first
        EndpointId id = new EndpointId("github-mcp");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("github-mcp".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(id.bucket(16)).isEqualTo((int) (crc.getValue() % 16));
        assertThat(new EndpointId("github-mcp").bucket(1000)).isEqualTo(id.bucket(1000));
    }

    @Test
    void tenThousandIdsSpreadEvenlyOverSixteenBuckets() {
        int[] counts = new int[16];
        IntStream.range(0, 10_000).forEach(i -> counts[new EndpointId("endpoint-" + i).bucket(16)]++);
        // 625 each on average; a uniform spread keeps every bucket within 15 % of it
        assertThat(IntStream.of(counts).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(531, 719));
    }

    @Test
    void oneBucketHoldsEverything() {
        assertThat(new EndpointId("a").bucket(1)).isZero();
        assertThatThrownBy(() -> new EndpointId("a").bucket(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buckets must be at least 1, was 0");
    }
}
