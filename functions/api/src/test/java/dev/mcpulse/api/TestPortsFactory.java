package dev.mcpulse.api;

import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.Era;
import dev.mcpulse.domain.Latency;
import dev.mcpulse.domain.ProbeOutcome;
import dev.mcpulse.domain.ProbeResult;
import dev.mcpulse.domain.SecretValue;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.mcp.McpProberFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * THE one place the API tests get their ports from. Until the storage, secrets and MCP-client modules are merged,
 * these are the domain's in-memory implementations and a prober that answers what a test told it to; swap this
 * file for DynamoDB Local, the real secrets resolver and real MCP servers, and every *HandlerTest runs against them.
 * Tests reach the ports only through their interfaces (seeding and reading back), except {@link ScriptedProber}.
 */
@Factory
public class TestPortsFactory {

    /** A secret the tests plant to prove no value leaks into a payload, an error or a log line. */
    public static final String CANARY_SECRET_ID = "mcpulse/test/canary";
    public static final String CANARY = "canary-7f3e9b1c5d2a4e6f8091a2b3c4d5e6f7";

    /** Replaces the real MCP prober: these tests script what each endpoint "answers" (see the issue note). */
    @Singleton
    @Replaces(bean = Prober.class, factory = McpProberFactory.class)
    ScriptedProber prober() {
        return new ScriptedProber();
    }

    /** Answers each endpoint with the result a test gave it (healthy when none was given), and records the calls. */
    public static final class ScriptedProber implements Prober {

        private final Map<EndpointId, ProbeResult> answers = new ConcurrentHashMap<>();
        private final List<EndpointId> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        public void answer(String id, ProbeResult result) {
            answers.put(new EndpointId(id), result);
        }

        public List<EndpointId> calls() {
            return List.copyOf(calls);
        }

        public void reset() {
            answers.clear();
            calls.clear();
        }

        @Override
        public CompletableFuture<ProbeResult> probe(Endpoint endpoint, Optional<SecretValue> credential) {
            calls.add(endpoint.id());
            return CompletableFuture.completedFuture(answers.getOrDefault(endpoint.id(), healthy(3)));
        }

        public static ProbeResult healthy(int tools) {
            return new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.of(Era.MODERN),
                    Optional.of("2026-07-28"), Optional.of("test-server"), Optional.of("1.4.2"), Optional.of(tools),
                    Optional.of("tools-hash-" + tools), new Latency(Optional.of(12L), Optional.of(8L), Optional.empty(), 23));
        }

        public static ProbeResult failed(ProbeOutcome outcome) {
            return new ProbeResult(outcome, outcome.httpStatus(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Latency.total(41));
        }
    }
}
