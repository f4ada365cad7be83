package dev.mcpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Writes docs/benchmarks.md: the machine, the command, a summary of figures against targets, one part per benchmark. */
public final class Report {

    private Report() {
    }

    static void write(Path out, String command, List<Section> sections, Duration took) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# mcpulse benchmarks\n\n");
        md.append("Written by `").append(command).append("` on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" in ")
                .append(took.toSeconds()).append(" s. Do not edit by hand: run it again.\n\n");
        md.append("Machine: ").append(Machine.describe()).append(".\n\n");
        md.append("Every figure is measured against a baseline run in the same invocation, on the same machine, and"
                + " reported as a ratio: these machines are shared and noisy, so absolute times move between runs"
                + " while same-run ratios move much less. Targets are to beat, not asserted by any test.\n\n");

        md.append("## Summary\n\n| benchmark | measure | value | target | met |\n|---|---|---|---|---|\n");
        for (Section section : sections) {
            for (Section.Headline h : section.headlines()) {
                md.append("| ").append(h.benchmark()).append(" | ").append(h.measure()).append(" | ")
                        .append(number(h.value())).append(' ').append(h.unit()).append(" | ")
                        .append(h.lowerIsBetter() ? "≤ " : "≥ ").append(number(h.target())).append(' ')
                        .append(h.unit()).append(" | ").append(h.met() ? "yes" : "**no**").append(" |\n");
            }
        }
        for (Section section : sections) {
            md.append("\n## ").append(section.id()).append(" — ").append(section.title()).append("\n\n");
            if (!section.header().isEmpty()) {
                md.append("| ").append(String.join(" | ", section.header())).append(" |\n|");
                md.append("---|".repeat(section.header().size())).append('\n');
                for (List<String> row : section.rows()) {
                    md.append("| ").append(String.join(" | ", row)).append(" |\n");
                }
                md.append('\n');
            }
            for (String note : section.notes()) {
                md.append("- ").append(note).append('\n');
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
    }

    /** Three significant digits at most: enough for ratios and times on a noisy machine. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, value);
    }
}
