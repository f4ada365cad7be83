package dev.mcpulse.bench;

import dev.mcpulse.bench.fleet.FleetServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every benchmark shares in one run: the options, a scratch directory for logs and data, the repository root
 * (for the function jars), and the fleet of MCP servers, started once on first use and stopped at the end.
 */
public final class BenchEnv implements AutoCloseable {

    /** Healthy MCP Java SDK servers in the fleet process; every logical endpoint is on one of them. */
    private static final int HEALTHY_SERVERS = 8;

    private final BenchOptions options;
    private final Path scratch;
    private FleetServers fleet;

    BenchEnv(BenchOptions options) throws IOException {
        this.options = options;
        this.scratch = Files.createDirectories(options.root().resolve("benchmarks/target/bench"));
    }

    public BenchOptions options() {
        return options;
    }

    /** The repository root: {@code functions/<module>/target/*.jar} are there after the build. */
    public Path root() {
        return options.root();
    }

    /** Logs and data of this run's processes: {@code benchmarks/target/bench/}. */
    public Path scratch() {
        return scratch;
    }

    /** The shared fleet of MCP servers (a separate process), started on first use. */
    public synchronized FleetServers fleet() throws IOException, InterruptedException {
        if (fleet == null) {
            fleet = FleetServers.start(HEALTHY_SERVERS, scratch);
        }
        return fleet;
    }

    @Override
    public synchronized void close() {
        if (fleet != null) {
            fleet.close();
        }
    }
}
