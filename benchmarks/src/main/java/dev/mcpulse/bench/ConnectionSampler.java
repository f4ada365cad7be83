package dev.mcpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many TCP connections are open to each of some loopback ports, sampled on a thread of the benchmark's own
 * while something runs; keeps the peak per port. Read from {@code /proc/<pid>/net/tcp} and {@code tcp6}: that is
 * the table of the process's network namespace, and a connection counts when its remote port is one watched (only
 * the measured process connects to the benchmark's servers). The reading costs the benchmark's CPU, not the
 * measured process's.
 */
public final class ConnectionSampler implements AutoCloseable {

    private static final String ESTABLISHED = "01";

    private final Path tcp;
    private final Path tcp6;
    private final Set<Integer> ports;
    private final Duration every;
    private final Map<Integer, Integer> peaks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int samples;

    private ConnectionSampler(long pid, Set<Integer> ports, Duration every) {
        this.tcp = Path.of("/proc", Long.toString(pid), "net", "tcp");
        this.tcp6 = Path.of("/proc", Long.toString(pid), "net", "tcp6");
        this.ports = Set.copyOf(ports);
        this.every = every;
        this.thread = Thread.ofPlatform().name("connection-sampler").daemon().start(this::sample);
    }

    public static ConnectionSampler start(long pid, Set<Integer> ports, Duration every) {
        return new ConnectionSampler(pid, ports, every);
    }

    private void sample() {
        while (running) {
            try {
                Map<Integer, Integer> now = established(Files.readString(tcp), ports);
                established(Files.readString(tcp6), ports).forEach((port, count) -> now.merge(port, count, Integer::sum));
                now.forEach((port, count) -> peaks.merge(port, count, Math::max));
                samples++;
                Thread.sleep(every);
            } catch (IOException e) {
                return; // the process ended
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The most connections seen open at once to each port (ports never seen are absent). */
    public Map<Integer, Integer> peaks() {
        return Map.copyOf(peaks);
    }

    public int samples() {
        return samples;
    }

    /** Established connections per remote port in one {@code /proc/net/tcp}-format table, for the given ports. */
    static Map<Integer, Integer> established(String table, Set<Integer> ports) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            // sl local_address rem_address st ...: the header's fourth word is "st", never "01".
            if (fields.length < 4 || !fields[3].equals(ESTABLISHED)) {
                continue;
            }
            String remote = fields[2];
            int port = Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1), 16);
            if (ports.contains(port)) {
                counts.merge(port, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
