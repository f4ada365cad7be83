package dev.mcpulse.local;

import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.FleetFile;
import dev.mcpulse.domain.UrlPolicy;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a fleet file into the registry at start. {@code ${demo.NAME}} placeholders become the demo servers' URLs
 * (unknown ones are left as they are, so the parser reports them as a bad url). All-or-nothing, as every import is.
 */
final class FleetImport {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /** The fleet file has errors; the message lists each, one a line. */
    static final class InvalidFleet extends Exception {
        InvalidFleet(String message) {
            super(message, null, false, false);
        }
    }

    private FleetImport() {
    }

    static String fillIn(String yaml, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** Puts every endpoint of the file into the registry (replacing entries with the same id); returns them. */
    static List<Endpoint> load(String source, String yaml, Map<String, String> placeholders, EndpointRegistry registry)
            throws InvalidFleet {
        FleetFile.Parsed parsed = new FleetFile(UrlPolicy.local()).parse(fillIn(yaml, placeholders));
        if (!parsed.valid()) {
            StringBuilder message = new StringBuilder("the fleet file " + source + " has "
                    + parsed.errors().size() + (parsed.errors().size() == 1 ? " error:" : " errors:"));
            parsed.errors().forEach(error -> message.append(System.lineSeparator()).append("  ").append(error.message()));
            throw new InvalidFleet(message.toString());
        }
        parsed.endpoints().forEach(registry::put);
        return parsed.endpoints();
    }
}
