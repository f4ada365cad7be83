package dev.mcpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Provenance NOW = new Provenance("bin/mcpulse-bench --only B5", "abc1234",
            Instant.parse("2026-12-03T16:00:00Z"), "2 cores (test CPU)");

    /** A report as written before parts carried their own run: one "Written by" line for all of them. */
    private static final String OLD = """
            # mcpulse benchmarks

            Written by `bin/mcpulse-bench` on 2026-11-22T09:42:28Z in 501 s. Do not edit by hand: run it again.

            Machine: 2 cores (old CPU).

            ## Summary

            | benchmark | measure | value | target | met |
            |---|---|---|---|---|
            | B4 | API list p50 / raw reads p50 | 1.45 × | ≤ 1.50 × | yes |
            | B5 | probe cold start vs plain handler | 2.12 × | ≤ 1.50 × | **no** |

            ## B4 — GET /api/mcp/clients

            | endpoints | p50 ratio |
            |---|---|
            | 1,000 | 1.45× |

            - a note of B4.

            ## B5 — Cold start

            | function | ratio |
            |---|---|
            | probe | 2.12× |
            """;

    @Test
    void aPartThisRunDidNotMeasureIsKeptUnderTheRunThatMeasuredIt() {
        Section b5 = new Section("B5", "Cold start").header("function", "ratio").row("probe", "1.40×")
                .headline("probe cold start vs plain handler", 1.4, "×", 1.5, true);

        String report = Report.render(NOW, List.of("B4", "B5"), List.of(b5), Duration.ofSeconds(60), Optional.of(OLD));

        String b4 = report.substring(report.indexOf("## B4"), report.indexOf("## B5"));
        assertThat(b4).contains("_Measured by `bin/mcpulse-bench` at commit not recorded on 2026-11-22T09:42:28Z;"
                + " machine: 2 cores (old CPU)._").contains("| 1,000 | 1.45× |").contains("- a note of B4.");
        String b5Part = report.substring(report.indexOf("## B5"));
        assertThat(b5Part).contains("_Measured by `bin/mcpulse-bench --only B5` at commit abc1234 on 2026-12-03T16:00:00Z")
                .contains("| probe | 1.40× |").doesNotContain("2.12");
        assertThat(report).contains("| B4 | API list p50 / raw reads p50 | 1.45 × | ≤ 1.50 × | yes |"
                        + " `bin/mcpulse-bench` at commit not recorded on 2026-11-22T09:42:28Z |")
                .contains("| B5 | probe cold start vs plain handler | 1.40 × | ≤ 1.50 × | yes |"
                        + " `bin/mcpulse-bench --only B5` at commit abc1234 on 2026-12-03T16:00:00Z |")
                .contains("This run measured B5; the other parts are kept from earlier runs");
        assertThat(report.indexOf("## B4")).isLessThan(report.indexOf("## B5"));
    }

    @Test
    void aKeptPartKeepsItsOwnRunWhenKeptAgain() {
        Section b5 = new Section("B5", "Cold start").header("function", "ratio").row("probe", "1.40×");
        String once = Report.render(NOW, List.of("B4", "B5"), List.of(b5), Duration.ofSeconds(60), Optional.of(OLD));
        Provenance later = new Provenance("bin/mcpulse-bench --only B4", "def5678", Instant.parse("2026-12-04T10:00:00Z"),
                "2 cores");
        Section b4 = new Section("B4", "GET /api/mcp/clients").header("endpoints", "p50 ratio").row("1,000", "1.30×");

        String twice = Report.render(later, List.of("B4", "B5"), List.of(b4), Duration.ofSeconds(60), Optional.of(once));

        String b5Part = twice.substring(twice.indexOf("## B5"));
        assertThat(b5Part).contains("at commit abc1234 on 2026-12-03T16:00:00Z").doesNotContain("def5678");
        assertThat(twice.substring(twice.indexOf("## B4"), twice.indexOf("## B5")))
                .contains("at commit def5678").contains("1.30×").doesNotContain("1.45×");
    }

    @Test
    void aRunOfEverythingKeepsNothing() {
        Section b4 = new Section("B4", "GET /api/mcp/clients").header("endpoints", "p50 ratio").row("1,000", "1.30×");
        Section b5 = new Section("B5", "Cold start").header("function", "ratio").row("probe", "1.40×");

        String report = Report.render(NOW, List.of("B4", "B5"), List.of(b4, b5), Duration.ofSeconds(60), Optional.of(OLD));

        assertThat(report).doesNotContain("2026-11-22").doesNotContain("kept from earlier runs").doesNotContain("2.12");
    }

    @Test
    void aFigureFromDevelopmentSaysItWasNotMeasuredByThisRun() {
        Section section = new Section("B2", "CPU per probe").earlier("2026-11-22", "53e6446", "before → after 12.4 → 7.8 s");

        assertThat(section.notes()).containsExactly("**Not measured by this run** — from a development run on 2026-11-22"
                + " at commit 53e6446: before → after 12.4 → 7.8 s");
    }

    @Test
    void aPartWithSeveralTablesRendersEachUnderItsCaptionAndIsKeptWhole() {
        Section b7 = new Section("B7", "fan-out").header("path", "median ms").row("SQS", "3,230")
                .table("The fleet at scale", "endpoints", "first page p50 ms").row("1,000", "12").row("10,000", "13");

        String report = Report.render(NOW, List.of("B7"), List.of(b7), Duration.ofSeconds(60), Optional.empty());

        assertThat(report).contains("| path | median ms |\n|---|---|\n| SQS | 3,230 |\n\n**The fleet at scale**\n\n"
                + "| endpoints | first page p50 ms |\n|---|---|\n| 1,000 | 12 |\n| 10,000 | 13 |\n");
        String kept = Report.render(NOW, List.of("B5", "B7"), List.of(new Section("B5", "Cold start")),
                Duration.ofSeconds(60), Optional.of(report));
        assertThat(kept.substring(kept.indexOf("## B7"))).contains("**The fleet at scale**", "| 10,000 | 13 |");
    }

    @Test
    void aRowOfTheWrongWidthForItsTableIsRefused() {
        Section section = new Section("B7", "fan-out").header("a", "b").table("more", "c");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> section.row("1", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("B7: a row of 2 cells under 1 columns");
    }
}
