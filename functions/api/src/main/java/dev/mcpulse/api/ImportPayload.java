package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code POST /api/mcp/endpoints:import}: what the import did. Endpoints not in the file are left as they were. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportPayload(int imported, List<String> created, List<String> replaced) {
}
