package dev.mcpulse.local;

/**
 * A local runner with no fleet and no demo on a free loopback port, its scheduler idle for an hour: for the tests
 * that talk HTTP to it.
 */
record EmptyRunner(LocalMcpulse local, int port, String host) implements AutoCloseable {

    static EmptyRunner start(String adminToken) throws Exception {
        int port = LocalRunnerIT.freePort();
        return new EmptyRunner(LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo",
                "--interval-seconds", "3600", "--admin-token", adminToken)), port, "localhost:" + port);
    }

    @Override
    public void close() {
        local.close();
    }
}
