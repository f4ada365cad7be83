package dev.mcpulse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Node.js and the fixture fleet's installed packages: finds {@code node} and {@code npm}, and runs {@code npm ci}
 * once per JVM when {@code node_modules} is missing or older than {@code package-lock.json}.
 */
final class NodeRuntime {

    private static final String INSTALL_HINT =
            "install Node.js 20+ and npm, e.g. `sudo apt-get install -y nodejs npm` (Debian/Ubuntu) or `brew install node`";
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final Object INSTALL_MONITOR = new Object();
    private static volatile boolean installed;

    private final Path nodeDir;
    private final Path node;

    private NodeRuntime(Path nodeDir, Path node) {
        this.nodeDir = nodeDir;
        this.node = node;
    }

    /** The fixture fleet with its packages installed; throws with the install command if Node.js is missing. */
    static NodeRuntime ready() {
        NodeRuntime runtime = new NodeRuntime(fixtureDirectory(), executable("node"));
        runtime.ensureInstalled();
        return runtime;
    }

    Path node() {
        return node;
    }

    Path nodeDir() {
        return nodeDir;
    }

    Path launcher() {
        return nodeDir.resolve("fixtures.mjs");
    }

    Path conformanceCli() {
        return nodeDir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    }

    /** {@code target/} of this module, for the npm log and the install lock. */
    private Path moduleTarget() {
        return nodeDir.getParent().getParent().getParent().resolve("target");
    }

    private void ensureInstalled() {
        if (installed) {
            return;
        }
        synchronized (INSTALL_MONITOR) {
            if (installed) {
                return;
            }
            try {
                Files.createDirectories(moduleTarget());
                // Test JVMs of several modules may start at once: one npm ci at a time on this directory.
                try (FileChannel lockFile = FileChannel.open(moduleTarget().resolve("npm-ci.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    if (!upToDate()) {
                        npmCi();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare the Node fixtures in " + nodeDir, e);
            }
            installed = true;
        }
    }

    /** npm ci writes node_modules/.package-lock.json last: it stands for the whole install. */
    private boolean upToDate() throws IOException {
        Path installedLock = nodeDir.resolve("node_modules/.package-lock.json");
        if (!Files.exists(installedLock)) {
            return false;
        }
        FileTime installedAt = Files.getLastModifiedTime(installedLock);
        FileTime lockedAt = Files.getLastModifiedTime(nodeDir.resolve("package-lock.json"));
        return installedAt.compareTo(lockedAt) >= 0;
    }

    private void npmCi() throws IOException {
        Path log = moduleTarget().resolve("npm-ci.log");
        Process npm = new ProcessBuilder(executable("npm").toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChildProcesses.track(npm);
        npm.getOutputStream().close();
        try {
            if (!npm.waitFor(NPM_CI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                ChildProcesses.stop(npm);
                throw new IllegalStateException("npm ci in " + nodeDir + " did not finish within " + NPM_CI_TIMEOUT
                        + "; its output is in " + log);
            }
            if (npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + nodeDir + " failed with exit code " + npm.exitValue()
                        + "; its output is in " + log + ":\n" + Logs.tail(log));
            }
        } catch (InterruptedException e) {
            ChildProcesses.stop(npm);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running npm ci in " + nodeDir, e);
        } finally {
            ChildProcesses.untrack(npm);
        }
    }

    /** The fixture directory: the system property {@code mcpulse.testsupport.nodeDir}, else where Maven built us from. */
    private static Path fixtureDirectory() {
        String configured = System.getProperty("mcpulse.testsupport.nodeDir");
        if (configured == null) {
            configured = builtInLocation();
        }
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
            throw new IllegalStateException("no Node fixture fleet (package-lock.json) in " + dir
                    + "; set -Dmcpulse.testsupport.nodeDir=<path to functions/test-support/src/main/node>");
        }
        return dir;
    }

    private static String builtInLocation() {
        try (InputStream in = NodeRuntime.class.getResourceAsStream("node-fixtures.properties")) {
            if (in == null) {
                throw new IllegalStateException("node-fixtures.properties is missing from the test-support jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("nodeDir");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path executable(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        List<String> suffixes = System.getProperty("os.name").startsWith("Windows") ? List.of(".exe", ".cmd") : List.of("");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .flatMap(entry -> suffixes.stream().map(suffix -> Path.of(entry, name + suffix)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "`" + name + "` is not on PATH, but the MCP test servers need it: " + INSTALL_HINT));
    }
}
