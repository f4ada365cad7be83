package dev.mcpulse.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The "walk" of a canary test (DESIGN section 7): every payload and every log line is parsed and every key and every
 * value in it is checked for the canary secret and for bearer-token-shaped text; text that is not JSON is checked
 * whole. It counts what it walked, so a test can say how much it looked at, and it records where each occurrence
 * was found without ever repeating the value.
 */
public final class CanaryWalk {

    /** "Bearer" and something long enough to be a token after it. */
    public static final Pattern BEARER_TOKEN = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{16,}");

    private final String canary;
    private final Function<String, Optional<Object>> json;
    private final List<String> occurrences = new ArrayList<>();
    private int payloads;
    private int logLines;
    private int records;
    private long walked;

    /** @param json parses a text as JSON into maps, lists and scalars; empty when it is not JSON. */
    public CanaryWalk(String canary, Function<String, Optional<Object>> json) {
        this.canary = canary;
        this.json = json;
    }

    /** A response body, an event sent out, a stored item: anything that leaves or persists. */
    public void payload(String where, String text) {
        payloads++;
        walkText(where, text);
    }

    public void logLine(String line) {
        logLines++;
        walkText("log line " + logLines, line);
    }

    /** A stored record already read into maps, lists and scalars (a database item). */
    public void record(String where, Object tree) {
        records++;
        walk(where, tree);
    }

    private void walkText(String where, String text) {
        if (text == null) {
            return;
        }
        Optional<Object> tree = json.apply(text);
        if (tree.isPresent()) {
            walk(where, tree.get());
        } else {
            visit(where, text);
        }
    }

    private void walk(String where, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                visit(where + " (a key)", name);
                walk(where + "." + (leaks(name) ? "(a leaking key)" : name), value);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(where + "[" + i + "]", list.get(i));
            }
        } else {
            visit(where, String.valueOf(node));
        }
    }

    private void visit(String where, String value) {
        walked++;
        if (value.contains(canary)) {
            occurrences.add("the canary at " + where);
        }
        if (BEARER_TOKEN.matcher(value).find()) {
            occurrences.add("a bearer-token-shaped text at " + where);
        }
    }

    private boolean leaks(String text) {
        return text.contains(canary) || BEARER_TOKEN.matcher(text).find();
    }

    /** Where the canary or a token-shaped text was found (never the text itself). */
    public List<String> occurrences() {
        return List.copyOf(occurrences);
    }

    public int payloads() {
        return payloads;
    }

    public int logLines() {
        return logLines;
    }

    public long walked() {
        return walked;
    }

    /** The figures, for the test's output and docs/reliability.md. */
    public String summary(String name) {
        return name + ": " + payloads + " payloads, " + records + " stored records, " + logLines + " log lines; "
                + walked + " keys and values walked; " + occurrences.size()
                + " occurrences of the canary or of bearer-token-shaped text";
    }
}
