package dev.mcpulse.api;

import static dev.mcpulse.api.ApiHarness.repeat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The corpus of bad fleet files: the files under {@code src/test/resources/corpus/fleets/} (listed with what each
 * must be refused for in its {@code index.tsv}), and a few generated ones too large to keep in the repository.
 */
final class BadFleetFiles {

    private static final String DIRECTORY = "corpus/fleets/";

    /**
     * One bad fleet file. {@code field} is what the API's error names; {@code fleetFileField} what
     * {@code FleetFile} names first, or {@code null} for a JSON-syntax case only the API's JSON reader sees.
     * {@code commandLine}: also given to {@code mcpulse-probe --fleet} — every file of the directory; the generated
     * megabyte files are not parsed a third time by the same {@code FleetFile}, to keep the class short.
     */
    record FleetCase(String category, String name, String content, boolean json, int status, String field,
                     String fleetFileField, boolean commandLine) {

        String contentType() {
            return json ? "application/json" : "application/yaml";
        }

        @Override
        public String toString() {
            return category + ": " + name;
        }
    }

    private BadFleetFiles() {
    }

    static Stream<FleetCase> all() {
        return Stream.concat(files(), generated());
    }

    private static Stream<FleetCase> files() {
        return read("index.tsv").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    String[] columns = line.split("\t");
                    String field = columns[3];
                    String fleetFileField = columns.length > 4 ? columns[4] : field;
                    return new FleetCase(columns[1], columns[0], read(columns[0]), columns[0].endsWith(".json"),
                            Integer.parseInt(columns[2]), field, fleetFileField.equals("-") ? null : fleetFileField, true);
                });
    }

    private static Stream<FleetCase> generated() {
        String megabyteName = repeat("n", 1024 * 1024);
        String hundredThousandLabels = IntStream.range(0, 100_000).mapToObj(i -> "k" + i + ": v")
                .collect(Collectors.joining(", ", "{", "}"));
        String jsonLabels = IntStream.range(0, 100_000).mapToObj(i -> "\"k" + i + "\": \"v\"")
                .collect(Collectors.joining(", ", "{", "}"));
        List<FleetCase> cases = new ArrayList<>();
        cases.add(yaml("huge-strings", "a 1 MB name",
                "- id: new-one\n  url: https://a.example.com/mcp\n  name: " + megabyteName + "\n", "name"));
        cases.add(yaml("huge-strings", "100 000 labels",
                "- id: new-one\n  url: https://a.example.com/mcp\n  labels: " + hundredThousandLabels + "\n", "labels"));
        cases.add(new FleetCase("huge-strings", "100 000 labels (JSON)", "[{\"id\": \"new-one\", \"url\": "
                + "\"https://a.example.com/mcp\", \"labels\": " + jsonLabels + "}]", true, 400, "labels", "labels", false));
        cases.add(new FleetCase("huge-strings", "a 1 MB name (JSON)", "[{\"id\": \"new-one\", \"url\": "
                + "\"https://a.example.com/mcp\", \"name\": \"" + megabyteName + "\"}]", true, 400, "name", "name", false));
        cases.add(yaml("huge-strings", "a 100 000-character unknown field name",
                "- id: new-one\n  url: https://a.example.com/mcp\n  ? " + repeat("f", 100_000) + "\n  : 1\n", "(unknown field)"));
        cases.add(yaml("huge-strings", "20 000 null entries (more problems than an answer lists)", repeat("- ~\n", 20_000),
                "(entry)"));
        return cases.stream();
    }

    private static FleetCase yaml(String category, String name, String content, String field) {
        return new FleetCase(category, name, content, false, 400, field, field, false);
    }

    private static String read(String file) {
        try (InputStream in = BadFleetFiles.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("no corpus file " + DIRECTORY + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
