package dev.mcpulse.bench.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code benchmarks/peer/}: the TypeScript peer's script and its pinned npm dependencies, installed with {@code npm ci}
 * (the lock file) on first use, like the test fixtures.
 */
final class PeerScript {

    private PeerScript() {
    }

    /** The script, its dependencies installed. */
    static Path ready(Path root) throws IOException, InterruptedException {
        Path directory = root.resolve("benchmarks/peer");
        if (!Files.isDirectory(directory.resolve("node_modules/@modelcontextprotocol/client"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + directory
                        + " (B8 needs Node.js 20+ and npm: sudo apt-get install -y nodejs npm)");
            }
        }
        return directory.resolve("probe-fleet.mjs");
    }

    static String node() {
        return "node";
    }
}
