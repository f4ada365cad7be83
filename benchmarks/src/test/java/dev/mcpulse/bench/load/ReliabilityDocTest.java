package dev.mcpulse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityDocTest {

    @TempDir
    Path dir;

    @Test
    void replacesOnlyTheTextBetweenTheMarkers() {
        String document = "# Reliability\n\nFaults: 4 survived.\n\n<!-- load:begin -->\nold figures\nmore old\n"
                + "<!-- load:end -->\n\nSSRF: 40/40 refused.\n";

        String updated = ReliabilityDoc.replaceSection(document, "## Load\n\n12 req/s");

        assertThat(updated).isEqualTo("# Reliability\n\nFaults: 4 survived.\n\n<!-- load:begin -->\n## Load\n\n12 req/s\n"
                + "<!-- load:end -->\n\nSSRF: 40/40 refused.\n");
    }

    @Test
    void replacingTwiceLeavesOneCopyOfTheSection() {
        String once = ReliabilityDoc.replaceSection(ReliabilityDoc.NEW_DOCUMENT, "first\n");
        String twice = ReliabilityDoc.replaceSection(once, "second\n");

        assertThat(twice).contains("second").doesNotContain("first");
        assertThat(twice.indexOf(ReliabilityDoc.BEGIN)).isEqualTo(twice.lastIndexOf(ReliabilityDoc.BEGIN));
    }

    @Test
    void refusesADocumentWithoutExactlyOnePairOfMarkersInOrder() {
        for (String document : new String[] {
                "# no markers\n",
                "<!-- load:begin -->\nonly the beginning\n",
                "<!-- load:end -->\nreversed\n<!-- load:begin -->\n",
                "<!-- load:begin -->\n<!-- load:end -->\n<!-- load:begin -->\n<!-- load:end -->\n"}) {
            assertThatThrownBy(() -> ReliabilityDoc.replaceSection(document, "x"))
                    .as(document).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("load:begin");
        }
    }

    @Test
    void createsAMissingDocumentWithATitleAndTheMarkers() throws Exception {
        Path file = dir.resolve("docs/reliability.md");

        ReliabilityDoc.write(file, "## Load\n");

        assertThat(Files.readString(file)).isEqualTo("# mcpulse reliability\n\n<!-- load:begin -->\n## Load\n<!-- load:end -->\n");
    }

    @Test
    void aFailedReplacementLeavesTheFileAsItWas() throws Exception {
        Path file = Files.writeString(dir.resolve("reliability.md"), "# written by the lead, no markers yet\n");

        assertThatThrownBy(() -> ReliabilityDoc.write(file, "## Load\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(file)).isEqualTo("# written by the lead, no markers yet\n");
    }
}
