package dev.mcpulse.domain.port;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.health.ProbeResult;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Probes one endpoint. The future always completes normally, within the endpoint's deadline, whatever the
 * server does: every failure is a {@link dev.mcpulse.domain.health.ProbeOutcome}.
 */
public interface Prober {

    CompletableFuture<ProbeResult> probe(Endpoint endpoint, Optional<SecretValue> credential);
}
