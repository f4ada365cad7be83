package dev.mcpulse.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeIntervalSettingTest {

    final List<String> warnings = new ArrayList<>();

    @Test
    void unsetMeansTheDefaultWithoutAWarning() {
        assertThat(ProbeIntervalSetting.parse(null, warnings::add)).isEqualTo(Duration.ofSeconds(300));
        assertThat(ProbeIntervalSetting.parse("  ", warnings::add)).isEqualTo(Duration.ofSeconds(300));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aPositiveWholeNumberOverridesTheDefault() {
        assertThat(ProbeIntervalSetting.parse("60", warnings::add)).isEqualTo(Duration.ofSeconds(60));
        assertThat(ProbeIntervalSetting.parse(" 900 ", warnings::add)).isEqualTo(Duration.ofSeconds(900));
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"five", "5m", "1.5", "0x10", "99999999999999999999"})
    void anInvalidValueWarnsOnceNamingItAndFallsBack(String raw) {
        assertThat(ProbeIntervalSetting.parse(raw, warnings::add)).isEqualTo(Duration.ofSeconds(300));
        assertThat(warnings).singleElement().asString()
                .contains("MCPULSE_PROBE_INTERVAL_SECONDS", "\"" + raw + "\"", "not a whole number", "300");
    }

    @Test
    void zeroWarnsAndFallsBack() {
        assertThat(ProbeIntervalSetting.parse("0", warnings::add)).isEqualTo(Duration.ofSeconds(300));
        assertThat(warnings).singleElement().asString().contains("\"0\"", "not positive");
    }

    @Test
    void aNegativeValueWarnsAndFallsBack() {
        assertThat(ProbeIntervalSetting.parse("-30", warnings::add)).isEqualTo(Duration.ofSeconds(300));
        assertThat(warnings).singleElement().asString().contains("\"-30\"", "not positive");
    }

    @Test
    void anAbsurdlyLongIntervalWarnsAndFallsBack() {
        assertThat(ProbeIntervalSetting.parse("31536000", warnings::add)).isEqualTo(Duration.ofSeconds(300));
        assertThat(warnings).singleElement().asString().contains("longer than a week");
    }
}
