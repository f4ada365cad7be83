package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SortableInstantTest {

    @Test
    void textOrderIsTimeOrderAndTheRoundTripIsLossless() {
        Random random = new Random(3);
        List<Instant> instants = Stream.concat(
                        Stream.of(Instant.EPOCH, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00.5Z"),
                                Instant.parse("2026-01-01T00:00:00.000000001Z"), Instant.parse("9999-12-31T23:59:59.999999999Z")),
                        random.longs(500, 0, 253_402_300_799L).mapToObj(s -> Instant.ofEpochSecond(s, random.nextInt(1_000_000_000))))
                .toList();

        List<String> texts = instants.stream().map(SortableInstant::format).toList();

        assertThat(texts).allSatisfy(text -> assertThat(text).hasSize(30));
        assertThat(texts.stream().map(SortableInstant::parse).toList()).isEqualTo(instants);
        assertThat(instants.stream().sorted().map(SortableInstant::format).toList())
                .isEqualTo(texts.stream().sorted(Comparator.naturalOrder()).toList());
    }

    @Test
    void instantsOutsideFourDigitYearsAreRefused() {
        assertThatThrownBy(() -> SortableInstant.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortableInstant.parse("yesterday")).hasMessage("not a stored instant: 'yesterday'");
    }
}
