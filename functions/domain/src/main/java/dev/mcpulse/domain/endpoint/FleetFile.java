package dev.mcpulse.domain.endpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A fleet file: YAML holding a list of endpoint entries, either at the top level or under {@code endpoints:}.
 * Every problem in every entry is reported at once; a file with any error yields no endpoints to save, so
 * that an import is all-or-nothing and nothing is skipped silently.
 */
public final class FleetFile {

    /** Larger files are refused before parsing. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private final EndpointParser parser;

    public FleetFile(UrlPolicy urlPolicy) {
        this.parser = new EndpointParser(urlPolicy);
    }

    /** Entries checked against the scheduler's interval (see {@link EndpointParser#EndpointParser(UrlPolicy, java.time.Duration)}). */
    public FleetFile(UrlPolicy urlPolicy, java.time.Duration scheduleInterval) {
        this.parser = new EndpointParser(urlPolicy, scheduleInterval);
    }

    /** One problem: which entry (1-based, 0 for the file itself), its id if readable, and the field error. */
    public record EntryError(int entry, Optional<String> id, FieldError error) {
        public String message() {
            String where = entry == 0 ? "fleet file" : "entry #" + entry + id.map(i -> " (id \"" + i + "\")").orElse("");
            return where + ": " + error.message();
        }
    }

    public record Parsed(List<Endpoint> endpoints, List<EntryError> errors) {
        public Parsed {
            endpoints = List.copyOf(endpoints);
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Parsed parse(String yaml) {
        if (yaml.length() > MAX_BYTES) {
            return fileError("a file of " + yaml.length() + " characters", "a fleet file of at most " + MAX_BYTES + " bytes");
        }
        Object document;
        try {
            document = newYaml().load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            return fileError("invalid YAML" + where + " (" + e.getProblem() + ")", "a YAML list of endpoint entries");
        } catch (YAMLException e) {
            return fileError("invalid YAML (" + firstLine(e.getMessage()) + ")", "a YAML list of endpoint entries");
        }
        return parseDocument(document);
    }

    /**
     * A fleet already read by another parser (a JSON body read with a JSON parser, which, unlike YAML, allows
     * tabs for indentation): the same entry rules and the same all-or-nothing result as {@link #parse(String)}.
     */
    public Parsed parseDocument(Object document) {
        Optional<List<?>> entries = entries(document);
        if (entries.isEmpty()) {
            return fileError(Found.describe(document), "a YAML list of endpoint entries, or a mapping with an endpoints: list");
        }
        return parseEntries(entries.get());
    }

    private Parsed parseEntries(List<?> entries) {
        List<Endpoint> endpoints = new ArrayList<>();
        List<EntryError> errors = new ArrayList<>();
        Set<EndpointId> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            int entry = i + 1;
            switch (parser.parse(entries.get(i))) {
                case EndpointParser.Result.Valid valid -> {
                    EndpointId id = valid.endpoint().id();
                    if (seen.add(id)) {
                        endpoints.add(valid.endpoint());
                    } else {
                        errors.add(new EntryError(entry, Optional.of(id.value()),
                                new FieldError("id", "\"" + id + "\" again", "an id not used by an earlier entry")));
                    }
                }
                case EndpointParser.Result.Invalid invalid -> invalid.errors()
                        .forEach(error -> errors.add(new EntryError(entry, invalid.id(), error)));
            }
        }
        return new Parsed(errors.isEmpty() ? endpoints : List.of(), errors);
    }

    private static Optional<List<?>> entries(Object document) {
        if (document instanceof List<?> list) {
            return Optional.of(list);
        }
        if (document instanceof Map<?, ?> map && map.size() == 1 && map.get("endpoints") instanceof List<?> list) {
            return Optional.of(list);
        }
        return Optional.empty();
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_BYTES);
        return new Yaml(new SafeConstructor(options));
    }

    private static Parsed fileError(String found, String expected) {
        return new Parsed(List.of(), List.of(new EntryError(0, Optional.empty(), new FieldError("(file)", found, expected))));
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
