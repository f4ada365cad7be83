package dev.mcpulse.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local runner with no fleet and no demo on a free loopback port, its scheduler idle for an hour, started before a
 * test class and stopped after it: for the tests that talk HTTP to it
 * ({@code @RegisterExtension static final EmptyRunner runner = new EmptyRunner(token)}).
 */
final class EmptyRunner implements BeforeAllCallback, AfterAllCallback {

    private final String adminToken;
    private LocalMcpulse local;
    private int port;

    EmptyRunner(String adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = LocalRunnerIT.freePort();
        local = LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo",
                "--interval-seconds", "3600", "--admin-token", adminToken));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (local != null) {
            local.close();
        }
    }

    int port() {
        return port;
    }

    /** A GET of {@code path} with the Host header a browser on this machine sends. */
    RawHttp.Answer get(String path) {
        return RawHttp.get(port, path, host());
    }

    /** The Host header a browser on this machine sends. */
    String host() {
        return "localhost:" + port;
    }
}
