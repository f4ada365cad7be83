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
 * {@code mcpulse-probe --fleet FILE --id ID | --all [--concurrency N] [--repeat R] [--secrets-file FILE]}: probe one
 * entry, or every entry, of a fleet file exactly as it would be saved — validated by the same rules, each secret
 * reference resolved like the local runner does (environment variable {@code MCPULSE_SECRET_<ID>}, then the secrets
 * file) — so an operator can check a fleet from a terminal, or gate a deploy on it, before importing it.
 */
record FleetEntryArguments(List<Endpoint> endpoints, boolean all, Optional<Path> secretsFile, int concurrency,
                           int repeat) {

    static final List<String> OPTIONS = List.of("--fleet", "--id", "--all", "--secrets-file", "--concurrency", "--repeat");
    static final int DEFAULT_CONCURRENCY = 50;
    static final int MOST_CONCURRENCY = 1_000;
    static final int MOST_ROUNDS = 100;

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
            String value;
            if (arg.equals("--all")) {
                value = "true"; // a flag: it takes no value
            } else if (i + 1 >= args.size()) {
                throw new ProbeArguments.UsageError(arg + " needs a value");
            } else {
                value = args.get(++i);
            }
            if (options.put(arg, value) != null) {
                throw new ProbeArguments.UsageError(arg + " is given twice");
            }
        }
        String id = options.get("--id");
        boolean all = options.containsKey("--all");
        if (id == null && !all) {
            throw new ProbeArguments.UsageError("--fleet needs --id (which entry to probe) or --all");
        }
        if (id != null && all) {
            throw new ProbeArguments.UsageError("--id and --all cannot be combined: probe one entry or every entry");
        }
        if (!all && (options.containsKey("--concurrency") || options.containsKey("--repeat"))) {
            throw new ProbeArguments.UsageError("--concurrency and --repeat go with --all");
        }
        int concurrency = whole(options, "--concurrency", DEFAULT_CONCURRENCY, MOST_CONCURRENCY);
        int repeat = whole(options, "--repeat", 1, MOST_ROUNDS);
        Path file = Path.of(options.get("--fleet"));
        FleetFile.Parsed fleet = new FleetFile(UrlPolicy.local()).parse(read(file));
        if (!fleet.valid()) {
            throw new ProbeArguments.UsageError(file + " is not a valid fleet file: " + fleet.errors().stream()
                    .map(FleetFile.EntryError::message).collect(Collectors.joining("; ")));
        }
        List<Endpoint> endpoints = all ? fleet.endpoints() : List.of(fleet.endpoints().stream()
                .filter(e -> e.id().value().equals(id)).findFirst()
                .orElseThrow(() -> new ProbeArguments.UsageError("no entry with id \"" + id + "\" in " + file + " (ids: "
                        + fleet.endpoints().stream().map(e -> e.id().value()).collect(Collectors.joining(", ")) + ")")));
        if (endpoints.isEmpty()) {
            throw new ProbeArguments.UsageError(file + " has no entries to probe");
        }
        return new FleetEntryArguments(endpoints, all, Optional.ofNullable(options.get("--secrets-file")).map(Path::of),
                concurrency, repeat);
    }

    private static int whole(Map<String, String> options, String option, int fallback, int most)
            throws ProbeArguments.UsageError {
        String text = options.get(option);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= most) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with what is expected
        }
        throw new ProbeArguments.UsageError(option + " needs a whole number from 1 to " + most + ", got " + text);
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
