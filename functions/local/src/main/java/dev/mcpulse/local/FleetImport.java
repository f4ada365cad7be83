package dev.mcpulse.local;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.service.RegistryEditor;
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

    /**
     * Imports every endpoint of the file through the registry's one editor, as the API's import does (replacing
     * entries with the same id; a changed target drops the old server's health; host names that resolve to refused
     * addresses are refused); returns them.
     */
    static List<Endpoint> load(String source, String yaml, Map<String, String> placeholders, RegistryEditor editor)
            throws InvalidFleet {
        FleetFile.Parsed parsed = new FleetFile(UrlPolicy.local()).parse(fillIn(yaml, placeholders));
        if (!parsed.valid()) {
            throw invalid(source, parsed.errors());
        }
        return switch (editor.importAll(parsed.endpoints())) {
            case RegistryEditor.Import.Done done -> parsed.endpoints();
            case RegistryEditor.Import.Refused refused -> throw invalid(source, refused.errors());
        };
    }

    private static InvalidFleet invalid(String source, List<FleetFile.EntryError> errors) {
        StringBuilder message = new StringBuilder("the fleet file " + source + " has "
                + errors.size() + (errors.size() == 1 ? " error:" : " errors:"));
        errors.forEach(error -> message.append(System.lineSeparator()).append("  ").append(error.message()));
        return new InvalidFleet(message.toString());
    }
}
