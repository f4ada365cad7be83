package dev.mcpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.service.CredentialLookup;
import dev.mcpulse.domain.service.GuardedProber;
import dev.mcpulse.mcp.EraCache;
import dev.mcpulse.mcp.McpHttpClients;
import dev.mcpulse.mcp.McpLimits;
import dev.mcpulse.mcp.McpProber;
import dev.mcpulse.mcp.ProbeHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet check judges servers as the monitor does: through the same overload guard (issue 17, items 0 and 1).
 * A server that does not answer is a {@code timeout} (exit 4) while this process is well; the same silence while the
 * process was held up for the whole attempt is no verdict on the server: probed again (the deadline stretched),
 * and when every attempt was spoiled, reported as {@code no_verdict} with exit 7 — never as the server's timeout.
 * (The guard itself, against real CPU starvation, is ProbingUnderStarvationIT's; here the overload is what the load
 * measure reports, so that the fleet check's wiring is tested on any machine.)
 */
@Tag("interop")
class FleetCheckOverloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEADLINE_MS = 300;

    @Test
    void aSilentServerIsATimeoutWhenTheProcessIsWellAndNoVerdictWhenItWasHeldUpThroughout(@TempDir Path dir)
            throws Exception {
        try (BlackHole hole = new BlackHole(); ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            List<Endpoint> endpoints = fleet(dir, hole.url());
            McpProber mcp = new McpProber(client, McpLimits.defaults(), new EraCache(1));
            AtomicInteger attempts = new AtomicInteger();
            Prober prober = (endpoint, secret) -> { // the real prober, its attempts counted
                attempts.incrementAndGet();
                return mcp.probe(endpoint, secret);
            };
            CredentialLookup credentials = new CredentialLookup(new MapSecretResolver(Map.of()));

            Result well = check(prober, credentials, LocalLoad.NONE, endpoints);
            assertThat(well.exit()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(well.lines().getFirst().path("outcome").asText()).isEqualTo("timeout");
            assertThat(attempts.get()).as("attempts").isEqualTo(1);
            assertThat(hole.acceptedAtLeast(1)).as("connections accepted").isPositive();

            Result heldUp = check(prober, credentials, heldUpThroughout(), endpoints);
            JsonNode line = heldUp.lines().getFirst();
            assertThat(line.path("outcome").asText()).isEqualTo("no_verdict");
            assertThat(line.path("error").asText()).contains("silent").contains("overloaded");
            assertThat(heldUp.summary().path("byOutcome").path("no_verdict").asInt()).isEqualTo(1);
            assertThat(heldUp.summary().path("byOutcome").has("timeout")).isFalse();
            assertThat(heldUp.exit()).isEqualTo(ExitCode.NO_VERDICT);
            // The first attempt and every retry the guard allows: the server had its chances.
            assertThat(attempts.get() - 1).as("attempts while held up").isEqualTo(1 + GuardedProber.MAX_RETRIES);
        }
    }

    private record Result(int exit, List<JsonNode> lines, JsonNode summary) {
    }

    private static Result check(Prober prober, CredentialLookup credentials, LocalLoad load, List<Endpoint> endpoints)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new FleetCheck(prober, credentials, load, new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(endpoints, 4, 1);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return new Result(exit, lines.subList(0, lines.size() - 1), lines.getLast().path("summary"));
    }

    private static List<Endpoint> fleet(Path dir, String url) throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, "- {id: silent, url: '" + url + "', timeoutMs: " + DEADLINE_MS + "}\n");
        return FleetEntryArguments.parse(List.of("--fleet", file.toString(), "--all")).endpoints();
    }

    /** A process held up for the whole of every attempt: what a starved JVM reports, made certain. */
    private static LocalLoad heldUpThroughout() {
        return () -> {
            LocalLoad.Mark real = LocalLoad.NONE.mark();
            return new LocalLoad.Mark() {
                @Override
                public Duration stalled() {
                    return real.elapsed();
                }

                @Override
                public Duration elapsed() {
                    return real.elapsed();
                }
            };
        };
    }

    /** A loopback listener that accepts every connection and never sends a byte. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();

        BlackHole() throws IOException {
            Thread.ofPlatform().daemon().name("black-hole").start(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/mcp";
        }

        /**
         * The connections accepted, once there are {@code expected} or 10 s have passed: the acceptor thread may lag
         * behind the kernel's handshakes on a loaded machine.
         */
        int acceptedAtLeast(int expected) throws InterruptedException {
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (accepted.get() < expected && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
