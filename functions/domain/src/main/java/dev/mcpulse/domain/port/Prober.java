package dev.mcpulse.domain.port;

import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.ProbeResult;
import dev.mcpulse.domain.SecretValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Probes one endpoint. The future always completes normally, within the endpoint's deadline, whatever the
 * server does: every failure is a {@link dev.mcpulse.domain.ProbeOutcome}.
 */
public interface Prober {

    CompletableFuture<ProbeResult> probe(Endpoint endpoint, Optional<SecretValue> credential);
}
