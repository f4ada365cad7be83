package dev.mcpulse.cli;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code mcpulse-probe --fleet FILE --id ID [--secrets-file FILE]}: probe one entry of a fleet file exactly as it
 * would be saved — validated by the same rules, its secret reference resolved like the local runner does
 * (environment variable {@code MCPULSE_SECRET_<ID>}, then the secrets file) — so an operator can check an entry
 * from a terminal before importing it.
 */
record FleetEntryArguments(Endpoint endpoint, Optional<Path> secretsFile) {

    static final List<String> OPTIONS = List.of("--fleet", "--id", "--secrets-file");

    static boolean applies(List<String> args) {
        return args.contains("--fleet");
    }

    static FleetEntryArguments parse(List<String> args) throws ProbeArguments.UsageError {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!OPTIONS.contains(arg)) {
                throw new ProbeArguments.UsageError(arg.startsWith("--")
                        ? arg + " cannot be combined with --fleet: the entry defines the probe"
                        : "a URL cannot be combined with --fleet: the entry names its URL");
            }
            if (i + 1 >= args.size()) {
                throw new ProbeArguments.UsageError(arg + " needs a value");
            }
            if (options.put(arg, args.get(++i)) != null) {
                throw new ProbeArguments.UsageError(arg + " is given twice");
            }
        }
        String id = options.get("--id");
        if (id == null) {
            throw new ProbeArguments.UsageError("--fleet needs --id: which entry to probe");
        }
        Path file = Path.of(options.get("--fleet"));
        FleetFile.Parsed fleet = new FleetFile(UrlPolicy.local()).parse(read(file));
        if (!fleet.valid()) {
            throw new ProbeArguments.UsageError(file + " is not a valid fleet file: " + fleet.errors().stream()
                    .map(FleetFile.EntryError::message).collect(Collectors.joining("; ")));
        }
        Endpoint endpoint = fleet.endpoints().stream().filter(e -> e.id().value().equals(id)).findFirst()
                .orElseThrow(() -> new ProbeArguments.UsageError("no entry with id \"" + id + "\" in " + file + " (ids: "
                        + fleet.endpoints().stream().map(e -> e.id().value()).collect(Collectors.joining(", ")) + ")"));
        return new FleetEntryArguments(endpoint, Optional.ofNullable(options.get("--secrets-file")).map(Path::of));
    }

    private static String read(Path file) throws ProbeArguments.UsageError {
        try {
            if (Files.size(file) > FleetFile.MAX_BYTES) {
                throw new ProbeArguments.UsageError(file + " is larger than a fleet file may be (" + FleetFile.MAX_BYTES + " bytes)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProbeArguments.UsageError("cannot read the fleet file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
