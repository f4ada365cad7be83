package dev.mcpulse.bench.fleet;

import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's MCP fleet, in a process of its own so that its CPU is not counted as mcpulse's: {@code healthy}
 * MCP Java SDK servers (each serves many logical endpoints: {@code /mcp?e=<n>}), one that answers 401 to every
 * request without its (never shared) bearer token, and a black hole that accepts TCP connections and never answers.
 * Prints one line {@code FLEET <healthy urls, comma-separated> <unauthorized url> <blackhole url>} and runs until
 * its standard input closes or it is killed.
 *
 * <pre>{@code java -cp … dev.mcpulse.bench.fleet.FleetServerMain <healthy servers>}</pre>
 */
public final class FleetServerMain {

    static final String READY_PREFIX = "FLEET ";

    private FleetServerMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        int healthyServers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        List<RunningServer> servers = new ArrayList<>();
        List<String> healthy = new ArrayList<>();
        for (int i = 0; i < healthyServers; i++) {
            RunningServer server = JavaSdkServers.builder("bench-healthy-" + i, "1.0.0").standardTools().start();
            servers.add(server);
            healthy.add(server.url().toString());
        }
        RunningServer unauthorized = JavaSdkServers.builder("bench-unauthorized", "1.0.0").standardTools()
                .requireBearerToken(UUID.randomUUID().toString()).start();
        servers.add(unauthorized);
        ServerSocket blackhole = blackHole();

        System.out.println(READY_PREFIX + String.join(",", healthy) + " " + unauthorized.url()
                + " http://127.0.0.1:" + blackhole.getLocalPort() + "/mcp");
        System.out.flush();

        // Ends when the benchmark closes our standard input (or kills us): nothing outlives the run.
        CountDownLatch stdinClosed = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Ignore anything written to us.
                }
            } catch (IOException e) {
                // Closed.
            }
            stdinClosed.countDown();
        }, "fleet-stdin");
        watcher.setDaemon(true);
        watcher.start();
        stdinClosed.await();
        servers.forEach(RunningServer::close);
        blackhole.close();
        System.exit(0);
    }

    /** Accepts connections and holds them open without reading or writing a byte. */
    private static ServerSocket blackHole() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "blackhole-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }
}
