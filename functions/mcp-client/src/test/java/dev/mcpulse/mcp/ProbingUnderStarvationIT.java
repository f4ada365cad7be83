package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.ProbeAdmission;
import dev.mcpulse.domain.service.StallMonitor;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.ManualClock;
import dev.mcpulse.testsupport.NodeFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: no false verdicts under load. A healthy fleet is checked while this process is starved of CPU — more
 * CPU-burning threads than cores, and where {@code taskset} exists the whole test JVM pinned to one core while the
 * servers keep the other — and not one healthy server is recorded as {@code timeout} or {@code unreachable}. A black
 * hole in the same run (it accepts connections and never answers) is still recorded as {@code timeout}, within its
 * deadline plus a margin.
 */
@Tag("interop")
class ProbingUnderStarvationIT {

    private static final int HEALTHY = 200;
    private static final int HEALTHY_DEADLINE_MS = 5_000;
    private static final int BLACK_HOLE_DEADLINE_MS = 3_000;
    /**
     * Generous on purpose, and bounded: a retry's deadline is stretched (at most tripled) when the process lost time,
     * so that the black hole has a whole deadline of the monitor's attention before it is blamed.
     */
    private static final long BLACK_HOLE_MARGIN_MS = 2L * BLACK_HOLE_DEADLINE_MS + 2_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @Test
    void aStarvedMonitorBlamesNoHealthyServerAndStillTimesOutABlackHole() throws Exception {
        int burners = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        AtomicBoolean burning = new AtomicBoolean(true);
        List<Thread> burnerThreads = new ArrayList<>();
        try (RunningServer healthy = NodeFixtures.start("dual-era", Map.of());
             BlackHole blackHole = new BlackHole();
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local());
             StallMonitor process = StallMonitor.start()) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < HEALTHY; i++) {
                endpoints.add(TestEndpoints.at(healthy.url()).id("healthy-" + i).timeoutMs(HEALTHY_DEADLINE_MS).build());
            }
            endpoints.add(TestEndpoints.at(blackHole.url()).id("black-hole").timeoutMs(BLACK_HOLE_DEADLINE_MS).build());
            ManualClock clock = new ManualClock();
            EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()),
                    new McpProber(client, McpLimits.defaults(), new EraCache(1_000)), new InMemorySnapshotStore(),
                    new StatusPolicy(clock), change -> { }, clock, Duration.ofMinutes(5), ProbeAdmission.forThisMachine(),
                    dev.mcpulse.domain.port.MetricsSink.NONE, LocalLoad.worstOf(process, client.eventLoopLag()));
            // Warm: the era is known and the classes loaded before the starvation, as in a warm monitor.
            checker.checkAll(List.of(endpoints.getFirst()));

            List<EndpointChecker.Checked> checked;
            // The servers keep core 1; this JVM (the probes and the burners) shares core 0.
            try (AutoCloseable servers = pinned(healthy.pid(), "1");
                 AutoCloseable monitor = pinned(ProcessHandle.current().pid(), "0")) {
                for (int i = 0; i < burners; i++) {
                    Thread burner = Thread.ofPlatform().daemon().name("cpu-burner-" + i).start(() -> burn(burning));
                    burnerThreads.add(burner);
                }
                checked = checker.checkAll(endpoints, BUDGET);
            } finally {
                burning.set(false);
            }

            Map<String, Long> healthyOutcomes = checked.stream().filter(c -> !c.endpoint().id().value().equals("black-hole"))
                    .collect(Collectors.groupingBy(c -> c.result().outcome().kind().code(), TreeMap::new, Collectors.counting()));
            Optional<EndpointChecker.Checked> hole = checked.stream()
                    .filter(c -> c.endpoint().id().value().equals("black-hole")).findFirst();
            System.out.printf("starved check of %d healthy endpoints and a black hole (%d burners, pinned: %s):"
                            + " healthy outcomes %s, %d without a verdict; black hole %s after %s ms%n",
                    HEALTHY, burners, pinnedHere, healthyOutcomes, HEALTHY + 1 - checked.size(),
                    hole.map(c -> c.result().outcome().kind().code()).orElse("not recorded"),
                    hole.map(c -> Long.toString(c.result().latency().totalMs())).orElse("-"));

            assertThat(healthyOutcomes).as("healthy servers blamed for the monitor's starvation")
                    .doesNotContainKeys(OutcomeKind.TIMEOUT.code(), OutcomeKind.UNREACHABLE.code());
            assertThat(healthyOutcomes.keySet()).as("outcomes of the healthy servers").containsOnly(OutcomeKind.OK.code());
            // Not recording a check is the fallback when overload lasts the whole budget, not a way to pass this test.
            assertThat(healthyOutcomes.get(OutcomeKind.OK.code())).as("healthy servers recorded ok")
                    .isGreaterThanOrEqualTo((long) HEALTHY * 9 / 10);
            assertThat(hole).as("the black hole's check is recorded").isPresent();
            assertThat(hole.get().result().outcome().kind()).isEqualTo(OutcomeKind.TIMEOUT);
            assertThat(hole.get().result().latency().totalMs()).as("the black hole's probe, from admission to timeout")
                    .isLessThanOrEqualTo(BLACK_HOLE_DEADLINE_MS + BLACK_HOLE_MARGIN_MS);
            assertThat(blackHole.accepted()).as("the black hole was dialled").isPositive();
        } finally {
            burning.set(false);
            for (Thread burner : burnerThreads) {
                burner.join(5_000);
            }
        }
    }

    private static String pinnedHere = "no";

    private static AutoCloseable pinned(long pid, String cpus) {
        Optional<CpuPinning> pinning = CpuPinning.pin(pid, cpus);
        pinning.ifPresent(p -> pinnedHere = "yes");
        return pinning.<AutoCloseable>map(p -> p).orElse(() -> { });
    }

    private static void burn(AtomicBoolean burning) {
        long x = 0;
        while (burning.get()) {
            for (int i = 0; i < 100_000; i++) {
                x += i * 31L ^ x;
            }
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }

    /** A loopback listener that accepts every connection and never sends a byte. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        BlackHole() throws IOException {
            acceptor = Thread.ofPlatform().daemon().name("black-hole").start(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mcp");
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
            acceptor.join(5_000);
        }
    }
}
