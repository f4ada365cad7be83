package dev.mcpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes docs/benchmarks.md: the command, a summary of figures against targets, one part per benchmark. Each part
 * and each summary row says which run measured it. A run of some benchmarks ({@code --only}) keeps the other parts
 * of the existing report as they were, under the run that measured them, instead of dropping them or passing them
 * off as its own.
 */
public final class Report {

    static final String MEASURED_BY = "_Measured by ";
    private static final Pattern WRITTEN_BY = Pattern.compile(
            "^Written by (`[^`]*`)(?: at commit ([^\\n]*?))? on (\\S+?)(?: in \\d+ s)?\\.", Pattern.MULTILINE);
    private static final Pattern MACHINE = Pattern.compile("^Machine: (.*)\\.$", Pattern.MULTILINE);

    private Report() {
    }

    static void write(Path out, Provenance run, List<String> order, List<Section> sections, Duration took)
            throws IOException {
        Optional<String> previous = Files.isRegularFile(out) ? Optional.of(Files.readString(out)) : Optional.empty();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(run, order, sections, took, previous));
    }

    /**
     * The report of {@code sections} (this run), with the parts of {@code previous} (the report being replaced)
     * that this run did not measure, in {@code order} (the benchmarks' ids).
     */
    static String render(Provenance run, List<String> order, List<Section> sections, Duration took,
                         Optional<String> previous) {
        Map<String, Kept> kept = previous.map(Report::keptParts).orElse(Map.of());
        Map<String, Section> measured = new LinkedHashMap<>();
        sections.forEach(section -> measured.put(section.id(), section));
        List<String> ids = new ArrayList<>(order);
        kept.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        ids.removeIf(id -> !measured.containsKey(id) && !kept.containsKey(id));

        StringBuilder md = new StringBuilder();
        md.append("# mcpulse benchmarks\n\n");
        md.append("Written by ").append(run.describe()).append(" in ").append(took.toSeconds())
                .append(" s. Do not edit by hand: run it again.");
        if (ids.stream().anyMatch(id -> !measured.containsKey(id))) {
            md.append(" This run measured ").append(String.join(", ", measured.keySet())).append("; the other parts are "
                    + "kept from earlier runs, each under the run that measured it (its commit may predate today's jars).");
        }
        md.append("\n\n");
        md.append("Every figure is measured against a baseline run in the same invocation, on the same machine, and"
                + " reported as a ratio: these machines are shared and noisy, so absolute times move between runs"
                + " while same-run ratios move much less. Targets are to beat, not asserted by any test. Figures that"
                + " a run did not measure (before/after from development, profiles) say so, with their date and"
                + " commit.\n\n");

        md.append("## Summary\n\n| benchmark | measure | value | target | met | measured by |\n|---|---|---|---|---|---|\n");
        for (String id : ids) {
            if (measured.containsKey(id)) {
                for (Section.Headline h : measured.get(id).headlines()) {
                    md.append("| ").append(h.benchmark()).append(" | ").append(h.measure()).append(" | ")
                            .append(number(h.value())).append(' ').append(h.unit()).append(" | ")
                            .append(h.lowerIsBetter() ? "≤ " : "≥ ").append(number(h.target())).append(' ')
                            .append(h.unit()).append(" | ").append(h.met() ? "yes" : "**no**").append(" | ")
                            .append(shortly(run)).append(" |\n");
                }
            } else {
                kept.get(id).summaryRows().forEach(row -> md.append(row).append('\n'));
            }
        }
        for (String id : ids) {
            if (!measured.containsKey(id)) {
                md.append('\n').append(kept.get(id).part());
                continue;
            }
            Section section = measured.get(id);
            md.append("\n## ").append(section.id()).append(" — ").append(section.title()).append("\n\n");
            md.append(MEASURED_BY).append(run.describe()).append("; machine: ").append(run.machine()).append("._\n\n");
            if (!section.header().isEmpty()) {
                table(md, section.header(), section.rows());
            }
            for (Section.Table table : section.tables()) {
                md.append("**").append(table.caption()).append("**\n\n");
                table(md, table.header(), table.rows());
            }
            for (String note : section.notes()) {
                md.append("- ").append(note).append('\n');
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
    }

    /** A part of an earlier report: its text (with its "Measured by" line) and its rows of the summary. */
    record Kept(String part, List<String> summaryRows) {
    }

    /**
     * The parts of an earlier report by benchmark id. A part without its own "Measured by" line (reports written
     * before there was one) gets the report's "Written by" run and machine.
     */
    static Map<String, Kept> keptParts(String report) {
        Matcher written = WRITTEN_BY.matcher(report);
        Matcher machine = MACHINE.matcher(report);
        String whole = written.find()
                ? written.group(1) + " at commit " + (written.group(2) == null ? "not recorded" : written.group(2))
                + " on " + written.group(3)
                : "an earlier run (not recorded)";
        String wholeLine = MEASURED_BY + whole + (machine.find() ? "; machine: " + machine.group(1) : "") + "._";
        Map<String, Kept> parts = new LinkedHashMap<>();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        String[] chunks = report.split("\n(?=## )");
        for (String chunk : chunks) {
            if (chunk.startsWith("## Summary")) {
                for (String line : chunk.split("\n")) {
                    Matcher row = Pattern.compile("^\\| (B\\d+|[A-Z][\\w-]*) \\|").matcher(line);
                    if (row.find() && !line.startsWith("| benchmark ")) {
                        long cells = line.chars().filter(c -> c == '|').count() - 1;
                        String withRun = cells >= 6 ? line : line + " " + whole.replace("|", "\\|") + " |";
                        rows.computeIfAbsent(row.group(1), id -> new ArrayList<>()).add(withRun);
                    }
                }
            } else if (chunk.startsWith("## ")) {
                String heading = chunk.substring(3, chunk.indexOf('\n') < 0 ? chunk.length() : chunk.indexOf('\n'));
                String id = heading.split(" ")[0];
                String part = chunk.endsWith("\n") ? chunk : chunk + "\n";
                if (!part.contains("\n" + MEASURED_BY)) {
                    int bodyStart = part.indexOf('\n') + 1;
                    part = part.substring(0, bodyStart) + "\n" + wholeLine + "\n" + part.substring(bodyStart);
                }
                parts.put(id, new Kept(part, List.of()));
            }
        }
        Map<String, Kept> withRows = new LinkedHashMap<>();
        parts.forEach((id, kept) -> withRows.put(id, new Kept(kept.part(), rows.getOrDefault(id, List.of()))));
        return withRows;
    }

    private static String shortly(Provenance run) {
        return run.describe().replace("|", "\\|");
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
