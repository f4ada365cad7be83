package dev.mcpulse.mcp;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The protocol revisions the probe speaks, newest first, and how it picks one from a server's list. */
final class Versions {

    static final List<String> MODERN = List.of("2026-07-28");
    static final List<String> LEGACY_STREAMABLE = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    static final String LEGACY_SSE = "2024-11-05";
    /** Every legacy revision an initialize result may name. */
    static final List<String> LEGACY = Stream.concat(LEGACY_STREAMABLE.stream(), Stream.of(LEGACY_SSE)).toList();
    /** From this revision on, legacy requests after initialize carry {@code MCP-Protocol-Version}. */
    static final String HEADER_SINCE = "2025-06-18";

    private Versions() {
    }

    /** The newest of {@code ours} that the server listed. */
    static Optional<String> best(List<String> ours, List<String> theirs) {
        return ours.stream().filter(theirs::contains).findFirst();
    }
}
