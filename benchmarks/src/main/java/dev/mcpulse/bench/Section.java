package dev.mcpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one benchmark reports: a table (the measurement, its same-run baseline, the ratio), the headline figures
 * compared with their targets, and notes (what bounds the figure, what was changed after profiling).
 */
public final class Section {

    private final String id;
    private final String title;
    private final List<String> header = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Headline> headlines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Section(String id, String title) {
        this.id = Objects.requireNonNull(id);
        this.title = Objects.requireNonNull(title);
    }

    public Section header(String... columns) {
        header.clear();
        header.addAll(List.of(columns));
        return this;
    }

    /** A row of the last table begun: the first ({@link #header}) or the last {@link #table}. */
    public Section row(Object... cells) {
        List<String> columns = tables.isEmpty() ? header : tables.getLast().header();
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(id + ": a row of " + cells.length + " cells under " + columns.size() + " columns");
        }
        (tables.isEmpty() ? rows : tables.getLast().rows()).add(java.util.Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    /**
     * Begins another table after the first, under a caption: for a benchmark whose parts measure different things
     * (B7: the dispatch, then the fleet at scale). Rows added from now on go to it.
     */
    public Section table(String caption, String... columns) {
        tables.add(new Table(Objects.requireNonNull(caption), List.of(columns), new ArrayList<>()));
        return this;
    }

    /**
     * A figure against its target, for the summary at the top of the report. {@code lowerIsBetter} says which side
     * of the target passes.
     */
    public Section headline(String measure, double value, String unit, double target, boolean lowerIsBetter) {
        headlines.add(new Headline(id, measure, value, unit, target, lowerIsBetter));
        return this;
    }

    public Section note(String text) {
        notes.add(text);
        return this;
    }

    /**
     * A figure this run did not measure (a before/after from development, a profile): labelled with the date and
     * commit of the run that did, so the report never prints it as if measured now.
     */
    public Section earlier(String date, String commit, String text) {
        notes.add("**Not measured by this run** — from a development run on " + date + " at commit " + commit + ": "
                + text);
        return this;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<String> header() {
        return List.copyOf(header);
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** The tables after the first, in the order begun. */
    public List<Table> tables() {
        return tables.stream().map(t -> new Table(t.caption(), t.header(), List.copyOf(t.rows()))).toList();
    }

    public List<Headline> headlines() {
        return List.copyOf(headlines);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public record Table(String caption, List<String> header, List<List<String>> rows) {
    }

    public record Headline(String benchmark, String measure, double value, String unit, double target,
                           boolean lowerIsBetter) {

        public boolean met() {
            return lowerIsBetter ? value <= target : value >= target;
        }
    }
}
