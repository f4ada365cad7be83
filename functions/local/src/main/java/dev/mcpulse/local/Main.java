package dev.mcpulse.local;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code bin/mcpulse-local}: starts mcpulse in this process, prints where to look, and runs until Ctrl-C (or
 * SIGTERM), then stops everything and exits with 0. Exit codes: 0 stopped cleanly, 1 could not start, 2 bad flags.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Several jars on the classpath carry a logback.xml (ours is first and wins); logback would say so at length.
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        PrintStream out = System.out;
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (LocalOptions.BadFlag e) {
            System.err.println("mcpulse-local: " + e.getMessage());
            System.err.println(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.println(LocalOptions.USAGE);
            return;
        }

        LocalMcpulse local;
        try {
            local = LocalMcpulse.start(options);
        } catch (LocalMcpulse.StartFailure e) {
            System.err.println("mcpulse-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            System.out.println("mcpulse-local: stopped.");
        }, "mcpulse-stop"));
        // Ctrl-C and kill are the normal way to stop a local runner: exit 0, not the JVM's 130/143. Everything is
        // stopped in order before the JVM runs its shutdown hooks (which run all at once, in no order).
        for (String signal : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(signal), s -> new Thread(() -> {
                local.close();
                System.exit(0);
            }, "mcpulse-exit").start());
        }
        out.println(banner(local, options));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String banner(LocalMcpulse local, LocalOptions options) {
        String url = local.url().toString();
        StringBuilder text = new StringBuilder();
        text.append(System.lineSeparator())
                .append("mcpulse is running").append(System.lineSeparator())
                .append("  dashboard    ").append(url).append(System.lineSeparator())
                .append("  API          ").append(url).append("api/mcp/clients").append(System.lineSeparator())
                .append("  admin token  ").append(local.adminToken())
                .append(options.adminToken().isPresent() ? " (from --admin-token)" : " (generated; \"Check now\" asks for it)")
                .append(System.lineSeparator())
                .append("  fleet        ").append(local.fleet().size()).append(" endpoints")
                .append(options.fleetFile().map(f -> " from " + f).orElse(local.demo() ? " (the demo fleet)" : ""))
                .append(", checked every ").append(options.interval().toSeconds()).append(" s")
                .append(System.lineSeparator())
                .append("  data         ").append(options.dataDir().map(d -> "kept in " + d).orElse("in memory (gone at exit)"))
                .append(System.lineSeparator())
                .append("Stop with Ctrl-C.");
        return text.toString();
    }
}
