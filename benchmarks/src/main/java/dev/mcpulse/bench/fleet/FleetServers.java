package dev.mcpulse.bench.fleet;

import dev.mcpulse.bench.JavaProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's side of {@link FleetServerMain}: starts the fleet process and hands out URLs of logical
 * endpoints. Logical endpoint {@code n} of a server is its URL with {@code ?e=n}: one server, many registry entries,
 * as a fleet of many endpoints behind few hosts looks to the probe.
 */
public final class FleetServers implements AutoCloseable {

    private final JavaProcess process;
    private final List<URI> healthy;
    private final URI unauthorized;
    private final URI blackhole;

    private FleetServers(JavaProcess process, List<URI> healthy, URI unauthorized, URI blackhole) {
        this.process = process;
        this.healthy = healthy;
        this.unauthorized = unauthorized;
        this.blackhole = blackhole;
    }

    public static FleetServers start(int healthyServers, Path logDirectory) throws IOException, InterruptedException {
        JavaProcess process = JavaProcess.start("fleet", List.of("-Xmx1g"), FleetServerMain.class.getName(),
                List.of(Integer.toString(healthyServers)), logDirectory.resolve("fleet.log"));
        try {
            String line = process.awaitLine(l -> l.startsWith(FleetServerMain.READY_PREFIX), Duration.ofSeconds(60));
            String[] parts = line.substring(FleetServerMain.READY_PREFIX.length()).split(" ");
            List<URI> healthy = Arrays.stream(parts[0].split(",")).map(URI::create).toList();
            return new FleetServers(process, healthy, URI.create(parts[1]), URI.create(parts[2]));
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /** A healthy logical endpoint; consecutive {@code n} spread over the servers. */
    public URI healthy(int n) {
        return logical(healthy.get(n % healthy.size()), n);
    }

    /** A logical endpoint of the server that answers 401 without its token. */
    public URI unauthorized(int n) {
        return logical(unauthorized, n);
    }

    /** A logical endpoint of the black hole: connects, then never a byte. */
    public URI blackhole(int n) {
        return logical(blackhole, n);
    }

    public long pid() {
        return process.pid();
    }

    private static URI logical(URI server, int n) {
        return URI.create(server + "?e=" + n);
    }

    @Override
    public void close() {
        process.close();
    }
}
