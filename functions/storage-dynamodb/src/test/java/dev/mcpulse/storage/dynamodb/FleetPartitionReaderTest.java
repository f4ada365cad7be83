package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetPartitionReaderTest {

    /** m = limit / 16 and chunk = ceil(m + 2 sqrt(m)), never more than the page itself. */
    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "16, 3", "100, 12", "500, 43", "1000, 79"})
    void aPartitionsChunkIsItsExpectedShareOfThePagePlusTwoStandardDeviations(int limit, int chunk) {
        assertThat(FleetPartitionReader.chunkFor(limit)).isEqualTo(chunk);
    }
}
