package dev.mcpulse.mcpservers;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * In-process MCP servers built with the official MCP Java SDK: its streamable HTTP servlet transport on embedded
 * Jetty, bound to 127.0.0.1 on a free port, endpoint {@code /mcp}. The SDK serves the legacy era (up to 2025-11-25).
 *
 * <pre>{@code
 * try (RunningServer server = JavaSdkServers.builder("demo", "1.0.0")
 *         .standardTools()
 *         .requireBearerToken(token)
 *         .start()) { ... server.url() ... }
 * }</pre>
 * A deliberately leaky variant for canary tests refuses everything while repeating the credential it was sent:
 * <pre>{@code
 * JavaSdkServers.builder("leaky", "1.0.0").echoCredentialIn(CredentialEcho.CHALLENGE).start()
 * }</pre>
 */
public final class JavaSdkServers {

    static final String MCP_PATH = "/mcp";

    private JavaSdkServers() {
    }

    public static Builder builder(String name, String version) {
        return new Builder(name, version);
    }

    public static final class Builder {

        private final String name;
        private final String version;
        private final List<TestTool> tools = new ArrayList<>();
        private String bearerToken;
        private OAuthProtection oauth;
        private CredentialEcho credentialEcho;
        private Duration delay = Duration.ZERO;
        private boolean forgetFirstSession;

        private Builder(String name, String version) {
            this.name = Objects.requireNonNull(name, "name");
            this.version = Objects.requireNonNull(version, "version");
        }

        public Builder tool(TestTool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** {@code echo}, {@code add} and the read-only {@code ready}. */
        public Builder standardTools() {
            return tool(TestTool.echo()).tool(TestTool.add()).tool(TestTool.ready());
        }

        /** Every request must carry {@code Authorization: Bearer <token>}; others get 401 with {@code WWW-Authenticate}. */
        public Builder requireBearerToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("a required bearer token must not be blank");
            }
            this.bearerToken = token;
            return this;
        }

        /**
         * Accepts only OAuth access tokens that {@code protection}'s issuer signed for this server, and serves the
         * protected resource metadata that leads a client there (see {@link OAuthProtection}).
         */
        public Builder requireOAuthTokens(OAuthProtection protection) {
            this.oauth = Objects.requireNonNull(protection, "protection");
            return this;
        }

        /**
         * Refuses every request as {@code echo} says, with the credential the request carried repeated in the answer:
         * a deliberately leaky server for canary tests.
         */
        public Builder echoCredentialIn(CredentialEcho echo) {
            this.credentialEcho = Objects.requireNonNull(echo, "echo");
            return this;
        }

        /** Holds every request this long before serving it (a slow server). */
        public Builder delay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, got " + delay);
            }
            this.delay = delay;
            return this;
        }

        /**
         * Forgets the first session once: the first request that carries its {@code Mcp-Session-Id} gets the SDK's own
         * 404 for an unknown session, as from a server that restarted; every later request is served normally.
         */
        public Builder forgetFirstSessionOnce() {
            this.forgetFirstSession = true;
            return this;
        }

        public InProcessServer start() {
            HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                    .mcpEndpoint(MCP_PATH)
                    // Both default on, and SDK 2.1.0 never stops the sweeper's non-daemon thread: it would keep the
                    // JVM alive after the tests. Test servers need neither idle-session sweeping nor keep-alive pings.
                    .sessionSweepInterval(null)
                    .keepAliveInterval(null)
                    .build();
            McpSyncServer mcp = McpServer.sync(transport)
                    .serverInfo(name, version)
                    .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                    .tools(tools.stream().map(JavaSdkServers::specification).toList())
                    .build();

            QueuedThreadPool threads = new QueuedThreadPool(64, 2);
            threads.setName("mcp-java-sdk-" + name);
            threads.setDaemon(true);
            Server jetty = new Server(threads);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            SessionWatchFilter sessions = new SessionWatchFilter(forgetFirstSession);
            context.addFilter(asyncFilter(sessions), "/*", EnumSet.of(DispatcherType.REQUEST));
            if (!delay.isZero()) {
                context.addFilter(asyncFilter(new DelayFilter(delay)), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            if (bearerToken != null) {
                context.addFilter(asyncFilter(new BearerTokenFilter(bearerToken)), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            OAuthResourceFilter oauthFilter = oauth == null ? null : new OAuthResourceFilter(oauth, MCP_PATH);
            if (oauthFilter != null) {
                context.addFilter(asyncFilter(oauthFilter), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            if (credentialEcho != null) {
                context.addFilter(asyncFilter(new CredentialEchoFilter(credentialEcho)), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            ServletHolder servlet = new ServletHolder(transport);
            servlet.setAsyncSupported(true);
            context.addServlet(servlet, MCP_PATH);
            jetty.setHandler(context);
            try {
                jetty.start();
            } catch (Exception e) {
                mcp.close();
                throw new IllegalStateException("could not start the Java SDK server " + name + " on 127.0.0.1", e);
            }
            URI url = URI.create("http://127.0.0.1:" + connector.getLocalPort() + MCP_PATH);
            if (oauthFilter != null) {
                oauthFilter.resource(url.toString());
            }
            return new JettyServer(url, jetty, mcp, sessions);
        }

        private static FilterHolder asyncFilter(jakarta.servlet.Filter filter) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            return holder;
        }
    }

    private static SyncToolSpecification specification(TestTool tool) {
        McpSchema.Tool schema = McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(tool.inputSchema())
                .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(tool.readOnly()).build())
                .build();
        return SyncToolSpecification.builder()
                .tool(schema)
                .callHandler((exchange, request) -> {
                    ToolReply reply = tool.handler().apply(request.arguments() == null ? Map.of() : request.arguments());
                    return McpSchema.CallToolResult.builder().addTextContent(reply.text()).isError(reply.isError()).build();
                })
                .build();
    }

    /**
     * A running in-process server whose tool list can change while it runs (as a real server's does when it is
     * redeployed): the next {@code tools/list} answers the new list.
     */
    public interface InProcessServer extends RunningServer {

        void addTool(TestTool tool);

        void removeTool(String name);

        /** How many sessions the server has opened (successful initialize requests). */
        int sessionsOpened();
    }

    private record JettyServer(URI url, Server jetty, McpSyncServer mcp, SessionWatchFilter sessions) implements InProcessServer {

        @Override
        public int sessionsOpened() {
            return sessions.sessionsOpened();
        }

        @Override
        public void addTool(TestTool tool) {
            mcp.addTool(specification(tool));
        }

        @Override
        public void removeTool(String name) {
            mcp.removeTool(name);
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public void close() {
            try {
                mcp.closeGracefully();
            } finally {
                try {
                    jetty.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop the Java SDK server at " + url, e);
                }
            }
        }
    }
}
