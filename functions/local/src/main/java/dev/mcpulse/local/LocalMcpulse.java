package dev.mcpulse.local;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.service.RegistryEditor;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * mcpulse whole in this process: DynamoDB Local (embedded), the demo MCP servers, the fleet imported into the
 * registry, the api function's routes behind Micronaut's Netty server, and the scheduler on a timer dispatching
 * shards in-process — the same services the Lambda functions run. Only requests addressed to this machine are
 * answered ({@link HostGuard}). {@link #close()} stops everything, newest first.
 */
public final class LocalMcpulse implements AutoCloseable {

    static final String TABLE_NAME = "mcpulse";
    static final String DEMO_FLEET_RESOURCE = "demo-fleet.yaml";
    /** How long {@link #close()} waits for the HTTP server to let its port go. */
    static final Duration PORT_RELEASE_PATIENCE = Duration.ofSeconds(10);

    /** Nothing could be started as asked; the message says why in one line. */
    public static final class StartFailure extends Exception {
        public StartFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private URI url;
    private String adminToken;
    private List<Endpoint> fleet = List.of();
    private boolean demo;

    private LocalMcpulse() {
    }

    public static LocalMcpulse start(LocalOptions options) throws StartFailure {
        LocalMcpulse local = new LocalMcpulse();
        try {
            local.run(options);
            return local;
        } catch (StartFailure | RuntimeException e) {
            local.close();
            throw e;
        }
    }

    private void run(LocalOptions options) throws StartFailure {
        requireFreePort(options.host(), options.port());
        adminToken = options.adminToken().orElseGet(LocalMcpulse::generatedToken);

        EmbeddedDynamoDb database = options.dataDir()
                .map(dir -> EmbeddedDynamoDb.inDirectory(dir, TABLE_NAME))
                .orElseGet(EmbeddedDynamoDb::inMemory);
        started.add(database);

        DemoFleet demoFleet = null;
        if (options.demo()) {
            demoFleet = DemoFleet.start();
            started.add(demoFleet);
        }
        demo = demoFleet != null;

        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", options.host());
        properties.put("micronaut.server.port", options.port());
        properties.put("mcpulse.local.mode", "true");
        properties.put("mcpulse.probe.interval.seconds", String.valueOf(options.interval().toSeconds()));
        properties.put("mcpulse.admin.token", adminToken);
        properties.put("mcpulse.storage.dynamodb.table-name", database.tableName());
        properties.put("mcpulse.secrets.source", "local");
        options.secretsFile().ifPresent(file -> properties.put("mcpulse.secrets.file", file.toAbsolutePath().toString()));

        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .singletons(database.client(), demoFleet != null ? new DemoSecrets(demoFleet.secrets()) : DemoSecrets.NONE,
                        new HostGuard(options.host(), options.allowedHosts(), options.port()))
                .start();
        started.add(context);

        fleet = importFleet(options, demoFleet, context.getBean(RegistryEditor.class));

        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new StartFailure(portInUse(e) ? portMessage(options.host(), options.port())
                    : "the HTTP server could not start on " + options.host() + ":" + options.port() + ": " + e.getMessage());
        }
        int port = server.getPort();
        url = URI.create("http://" + (isLoopback(options.host()) ? "localhost" : options.host()) + ":" + port + "/");
        started.addFirst(() -> awaitPortReleased(options.host(), port)); // closed last, once everything else has stopped

        DemoFleet changing = demoFleet;
        started.add(new CycleTimer(context.getBean(Scheduler.class), options.interval(),
                changing == null ? () -> { } : changing::beforeCycle));
    }

    private static List<Endpoint> importFleet(LocalOptions options, DemoFleet demoFleet, RegistryEditor editor)
            throws StartFailure {
        Map<String, String> placeholders = demoFleet == null ? Map.of() : demoFleet.urls();
        try {
            if (options.fleetFile().isPresent()) {
                String yaml = Files.readString(options.fleetFile().get(), StandardCharsets.UTF_8);
                return FleetImport.load(options.fleetFile().get().toString(), yaml, placeholders, editor);
            }
            if (demoFleet != null) {
                return FleetImport.load("infra/local/" + DEMO_FLEET_RESOURCE, demoFleetYaml(), placeholders, editor);
            }
            return List.of();
        } catch (FleetImport.InvalidFleet e) {
            throw new StartFailure(e.getMessage());
        } catch (IOException e) {
            throw new StartFailure("the fleet file " + options.fleetFile().get() + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static String demoFleetYaml() {
        try (InputStream in = LocalMcpulse.class.getResourceAsStream(DEMO_FLEET_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo fleet is missing from the runner's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checked before anything starts, so a busy port costs no DynamoDB or demo start-up. */
    private static void requireFreePort(String host, int port) throws StartFailure {
        try {
            bindOnce(host, port);
        } catch (java.net.UnknownHostException e) {
            throw new StartFailure("--host " + host + " is not an address of this machine");
        } catch (IOException e) {
            throw new StartFailure(portMessage(host, port));
        }
    }

    /** Binds {@code host:port} and lets it go at once: throws if something else holds it. */
    private static void bindOnce(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        }
    }

    /**
     * Waits, up to {@link #PORT_RELEASE_PATIENCE}, until the HTTP server's port can be bound again: Micronaut's server
     * lets its port go asynchronously, as its event loops wind down, and a runner restarted at once (or a test that
     * starts the next one) would otherwise find the port still in use.
     */
    private static void awaitPortReleased(String host, int port) throws InterruptedException {
        long giveUp = System.nanoTime() + PORT_RELEASE_PATIENCE.toNanos();
        while (System.nanoTime() < giveUp) {
            try {
                bindOnce(host, port);
                return;
            } catch (IOException stillBound) {
                Thread.sleep(20);
            }
        }
    }

    private static String portMessage(String host, int port) {
        return "port " + port + " on " + host + " is already in use: stop what uses it, or pick another with --port";
    }

    private static boolean portInUse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    private static String generatedToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "local-" + HexFormat.of().formatHex(bytes);
    }

    /** Where the dashboard is, e.g. {@code http://localhost:8080/}. */
    public URI url() {
        return url;
    }

    public String adminToken() {
        return adminToken;
    }

    public List<Endpoint> fleet() {
        return fleet;
    }

    public boolean demo() {
        return demo;
    }

    /** Idempotent, and safe from a signal handler and a shutdown hook at once. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // Keep stopping the rest: a half-stopped runner would hold its port or threads.
            }
        }
        started.clear();
    }
}
