package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;

/**
 * Servers that try to hang the probe or exhaust its memory, and servers that are merely broken. Every probe must
 * end with the right outcome before its deadline, allocate a bounded amount of heap, and let go of every
 * connection, whatever the server does. Each case is one row of the hostile-corpus figure printed at the end
 * (and kept in {@code target/hostile-corpus.md}).
 */
class HostileServerIT {

    private static final int DEADLINE_MS = 1_500;
    /** TLS cases get more time: the first handshake of a JVM loads the trust store and warms up the TLS code. */
    private static final int TLS_DEADLINE_MS = 5_000;
    private static final long ONE_GIB = 1L << 30;
    /** Probe clients open at once during a case: the shared one, and the case's own in a TLS case that trusts the test CA. */
    private static final int CLIENTS_OPEN_AT_ONCE = 2;
    /** The JDK's own virtual-thread helpers, started on first need: its read and write pollers (JDK 21), its delay scheduler (JDK 25). */
    private static final int JDK_VIRTUAL_THREAD_HELPERS = 2;
    /**
     * Platform threads the cases may start, beyond those alive before the first: only fixed-size pools that start
     * lazily — each open client's event loops, Reactor's parallel scheduler (the deadline and SSE retry timers), and
     * the carriers and helpers of the virtual threads the loopback servers run on. No case may start a thread of its
     * own, so 25 cases leaking one thread each would exceed it.
     */
    private static final int THREAD_ALLOWANCE = CLIENTS_OPEN_AT_ONCE * McpHttpClients.EVENT_LOOP_THREADS
            + Schedulers.DEFAULT_POOL_SIZE
            + Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors())
            + JDK_VIRTUAL_THREAD_HELPERS;
    private static final HostileCorpus CORPUS = new HostileCorpus(THREAD_ALLOWANCE);

    @TempDir
    static Path trustStoreDir;
    private static TestCertificates certificates;
    private static ProbeHttpClient client;

    @BeforeAll
    static void start() throws Exception {
        client = McpHttpClients.create(UrlPolicy.local());
        // A first, ordinary probe loads the classes every later probe uses, so no case is charged for them.
        try (RawHttpServer server = modernServer()) {
            ProbeResult warmUp = probe(client, server.url(), 10_000);
            assertThat(warmUp.outcome()).isEqualTo(new ProbeOutcome.Ok());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        CORPUS.publish();
        CORPUS.assertThreadsBounded();
    }

    private static ProbeResult probe(String behaviour, RawHttpServer server, int deadlineMs) {
        return probe(behaviour, client, server, deadlineMs);
    }

    private static ProbeResult probe(String behaviour, ProbeHttpClient through, RawHttpServer server, int deadlineMs) {
        Endpoint endpoint = TestEndpoints.at(server.url()).timeoutMs(deadlineMs).build();
        ProbeResult result = CORPUS.probe(behaviour, server, deadlineMs,
                () -> new McpProber(through, McpLimits.defaults(), new EraCache(4)).probe(endpoint, Optional.empty()));
        assertThat(through.transport().openExchanges()).as("%s: exchanges still tracked after the outcome", behaviour).isZero();
        return result;
    }

    /** A probe outside the corpus: for controls that show a setup works before a case breaks it. */
    private static ProbeResult probe(ProbeHttpClient through, URI url, int deadlineMs) throws Exception {
        Endpoint endpoint = TestEndpoints.at(url).timeoutMs(deadlineMs).build();
        return new McpProber(through, McpLimits.defaults(), new EraCache(4)).probe(endpoint, Optional.empty())
                .get(deadlineMs + 1_000L, TimeUnit.MILLISECONDS);
    }

    private static RawHttpServer modernServer() throws Exception {
        return RawHttpServer.start((request, out) ->
                RawHttpServer.respond(out, 200, "application/json", RawHttpServer.modernAnswer(request.body())));
    }

    /** One byte per character (ISO-8859-1), so a case can write bytes that are not UTF-8. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // --- Slow and silent -------------------------------------------------------------------------------------

    @Test
    void aServerThatDripsItsBodyIsATimeoutDuringTheStepItWasIn() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                RawHttpServer.write(out, " ");
                Thread.sleep(1_000);
            }
        })) {
            ProbeResult result = probe("slowloris: a 200 head, then one body byte per second", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(DEADLINE_MS)));
            assertThat(result.lastHttpStatus()).contains(200);
        }
    }

    @Test
    void aServerThatDripsItsHeadIsATimeout() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            for (char c : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: ".toCharArray()) {
                RawHttpServer.write(out, String.valueOf(c));
                Thread.sleep(100);
            }
            for (int i = 0; i < 100; i++) {
                RawHttpServer.write(out, "x");
                Thread.sleep(1_000);
            }
        })) {
            ProbeResult result = probe("slowloris: the status line and headers, never finished", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(DEADLINE_MS)));
            assertThat(result.httpStatus()).isEmpty();
        }
    }

    @Test
    void acceptingAndStayingSilentIsATimeout() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> Thread.sleep(60_000))) {
            ProbeResult result = probe("accepts TCP, reads the request, never answers", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(DEADLINE_MS)));
            assertThat(result.httpStatus()).isEmpty();
        }
    }

    @Test
    void anEndlessSlowSseStreamOfCommentsIsATimeout() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
            while (true) {
                RawHttpServer.write(out, ": keep-alive\n\n");
                Thread.sleep(20);
            }
        })) {
            ProbeResult result = probe("an SSE stream of comments that never sends the response", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(DEADLINE_MS)));
        }
    }

    // --- Too much ---------------------------------------------------------------------------------------------

    @Test
    void anEndlessFastSseStreamHitsTheSizeCap() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
            byte[] notification = ("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"p\":\""
                    + "x".repeat(4000) + "\"}}\n\n").getBytes(StandardCharsets.UTF_8);
            while (true) {
                out.write(notification);
            }
        })) {
            ProbeResult result = probe("an endless fast SSE stream of notifications", server, 10_000);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().describe()).contains("larger than");
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
        }
    }

    @Test
    void aHugeJsonBodyIsAProtocolErrorNotAnOutOfMemory() throws Exception {
        byte[] huge = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "application/json", huge))) {
            ProbeResult result = probe("a 10 MiB JSON body", server, 10_000);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
            assertThat(result.lastHttpStatus()).contains(200);
        }
    }

    @Test
    void aOneGibibyteBodyEndsAtTheSizeCapWithoutBeingHeld() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + ONE_GIB + "\r\n\r\n");
            streamGibibyte(out, bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pad\":\""), sent);
        })) {
            ProbeResult result = probe("a 1 GiB JSON body (Content-Length: 1073741824)", server, 10_000);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.of(200),
                    "the response is larger than " + McpLimits.MAX_BODY_BYTES + " bytes"));
            assertThat(sent.get()).as("bytes the server got to send before the probe hung up").isLessThan(ONE_GIB / 8);
        }
    }

    @Test
    void aOneGibibyteSseEventWithoutALineEndEndsAtTheSizeCap() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            // No length and no chunking: the body is delimited by the close that never comes.
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
            streamGibibyte(out, bytes("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pad\":\""), sent);
        })) {
            ProbeResult result = probe("a 1 GiB SSE event with no line end", server, 10_000);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.of(200),
                    "the response is larger than " + McpLimits.MAX_BODY_BYTES + " bytes"));
            assertThat(sent.get()).isLessThan(ONE_GIB / 8);
        }
    }

    @Test
    void aTwoMebibyteErrorMessageIsCutBeforeItIsScrubbed() throws Exception {
        // One unbroken run of letters: token scrubbing once took time quadratic in the length of such a run.
        String message = "upstream failed: " + "z".repeat(2 * 1024 * 1024);
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            String id = Json.parse(request.body().getBytes(StandardCharsets.UTF_8)).orElseThrow().path("id").toString();
            RawHttpServer.respond(out, 200, "application/json", bytes("{\"jsonrpc\":\"2.0\",\"id\":" + id
                    + ",\"error\":{\"code\":-32000,\"message\":\"" + message + "\"}}"));
        })) {
            ProbeResult result = probe("a JSON-RPC error whose message is 2 MiB of letters", server, 10_000);

            // Not a modern error, so a legacy initialize follows and gets the same answer. The run of letters is cut
            // through by the scrubbing window, so it goes entirely.
            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.RpcError(ProbeStep.INITIALIZE, -32000, "upstream failed: "));
        }
    }

    /** Writes {@code prefix} and then padding up to 1 GiB from one reused 64 KiB block: the server holds no more. */
    private static void streamGibibyte(OutputStream out, byte[] prefix, AtomicLong sent) throws java.io.IOException {
        out.write(prefix);
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        for (long written = prefix.length; written < ONE_GIB; written += block.length) {
            out.write(block, 0, (int) Math.min(block.length, ONE_GIB - written));
            sent.addAndGet(block.length);
        }
    }

    @Test
    void aHugeChunkedErrorBodyIsAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = Integer.toHexString(65_536) + "\r\n" + "y".repeat(65_536) + "\r\n";
            for (int i = 0; i < 200; i++) {
                RawHttpServer.write(out, chunk);
            }
            RawHttpServer.write(out, "0\r\n\r\n");
        })) {
            ProbeResult result = probe("a 12.5 MiB chunked 400 body", server, 10_000);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
        }
    }

    // --- Broken bytes -----------------------------------------------------------------------------------------

    /**
     * The HTTP decoder rejects the status line ("invalid version format") as soon as it arrives: a protocol error that
     * says what the server sent, every time, whether the server then closes the connection or holds it open.
     */
    @Test
    void bytesThatAreNotHttpAreAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.write(out, "SSH-2.0-OpenSSH_9.6\r\n\r\ngarbage\r\n"))) {
            ProbeResult result = probe("bytes that are not HTTP (an SSH banner)", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.empty(),
                    "the response is not valid HTTP"));
            assertThat(result.lastHttpStatus()).isEmpty();
        }
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsUnreachable() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> { })) {
            ProbeResult result = probe("reads the request, closes without a byte", server, DEADLINE_MS);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.UNREACHABLE);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
        }
    }

    @Test
    void invalidUtf8InAJsonBodyIsAProtocolError() throws Exception {
        // 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
        byte[] body = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"supportedVersions\":[\"2026-07-28\"],"
                + "\"serverInfo\":{\"name\":\"bad \u00c3\u0028 name\",\"version\":\"1\"}}}");
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "application/json", body))) {
            ProbeResult result = probe("invalid UTF-8 inside a string of a JSON body", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.of(200),
                    "the body is not valid UTF-8"));
        }
    }

    @Test
    void invalidUtf8InAnSseEventIsAProtocolError() throws Exception {
        // 0xFF never occurs in UTF-8.
        byte[] stream = bytes(": a comment \u00ff is ignored\n\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":"
                + "{\"supportedVersions\":[\"2026-07-28\"],\"serverInfo\":{\"name\":\"bad \u00ff name\",\"version\":\"1\"}}}\n\n");
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "text/event-stream", stream))) {
            ProbeResult result = probe("invalid UTF-8 inside an SSE message event", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.of(200),
                    "an SSE event's data is not valid UTF-8"));
        }
    }

    @Test
    void jsonArraysNestedAHundredThousandDeepAreAProtocolError() throws Exception {
        byte[] body = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"supportedVersions\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}");
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "application/json", body))) {
            ProbeResult result = probe("a JSON body with arrays nested 100,000 deep", server, 10_000);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.of(200),
                    "the body is not well-formed JSON"));
        }
    }

    @Test
    void jsonObjectsNestedAHundredThousandDeepInAnSseEventAreAProtocolError() throws Exception {
        byte[] stream = bytes("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + "{\"a\":".repeat(100_000) + "1"
                + "}".repeat(100_000) + "}\n\n");
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "text/event-stream", stream))) {
            ProbeResult result = probe("an SSE event with objects nested 100,000 deep", server, 10_000);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.of(200),
                    "the body is not well-formed JSON"));
        }
    }

    @Test
    void aWrongResponseIdIsAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{\"supportedVersions\":[\"2026-07-28\"]}}".getBytes(StandardCharsets.UTF_8)))) {
            ProbeResult result = probe("a JSON-RPC response with the wrong id", server, DEADLINE_MS);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().describe()).contains("does not match");
        }
    }

    @Test
    void anSseStreamThatEndsBeforeTheAnswerIsAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "text/event-stream",
                "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n\n".getBytes(StandardCharsets.UTF_8)))) {
            ProbeResult result = probe("an SSE stream that ends before the response", server, DEADLINE_MS);

            // Not a DiscoverResult: a legacy initialize is tried next, and its stream ends the same way.
            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().step()).contains(ProbeStep.INITIALIZE);
            assertThat(result.lastHttpStatus()).contains(200);
        }
    }

    // --- HTTP/1.0, close-delimited ----------------------------------------------------------------------------

    @Test
    void aValidAnswerInAnHttp10CloseDelimitedBodyIsRead() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n");
            out.write(RawHttpServer.modernAnswer(request.body()));
            // The body ends when the server closes the connection, right after this.
        })) {
            ProbeResult result = probe("HTTP/1.0, valid answers delimited by the close (no length, no chunks)", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(result.era()).contains(Era.MODERN);
            assertThat(result.toolsCount()).contains(1);
            assertThat(server.requests()).extracting(RawHttpServer.Request::method).containsExactly("POST", "POST");
        }
    }

    @Test
    void aTruncatedHttp10CloseDelimitedBodyIsAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            byte[] answer = RawHttpServer.modernAnswer(request.body());
            RawHttpServer.write(out, "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n");
            out.write(answer, 0, answer.length / 2);
        })) {
            ProbeResult result = probe("HTTP/1.0, the answer cut in half by the close", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ProtocolError(ProbeStep.DISCOVER, Optional.of(200),
                    "the body is not well-formed JSON"));
        }
    }

    // --- Redirects --------------------------------------------------------------------------------------------

    @Test
    void aRedirectIsReportedNotFollowed() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.write(out,
                "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))) {
            ProbeResult result = probe("a 302 to the instance-metadata address", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 302, ""));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aRedirectToItselfIsReportedAfterOneRequest() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.write(out,
                "HTTP/1.1 302 Found\r\nLocation: " + request.path() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))) {
            ProbeResult result = probe("a redirect loop: 302 to itself", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 302, ""));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aRedirectLoopBetweenTwoPathsIsReportedAfterOneRequest() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.write(out,
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + (request.path().equals("/mcp") ? "/other" : "/mcp")
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))) {
            ProbeResult result = probe("a redirect loop: 307 between /mcp and /other", server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 307, ""));
            assertThat(server.requests()).extracting(RawHttpServer.Request::path).containsExactly("/mcp");
        }
    }

    // --- TLS --------------------------------------------------------------------------------------------------

    private static synchronized TestCertificates certificates() throws Exception {
        if (certificates == null) {
            certificates = TestCertificates.generate();
        }
        return certificates;
    }

    /** The production client configuration, trusting the test CA instead of the JDK's: certificates are still verified. */
    private static ProbeHttpClient clientTrustingTestCa() throws Exception {
        java.security.KeyStore trustStore = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(certificates().trustStore(trustStoreDir))) {
            trustStore.load(in, certificates().trustStorePassword().toCharArray());
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        return McpHttpClients.create(McpHttpClients.settings().withTrust(trust), UrlPolicy.local());
    }

    private static RawHttpServer tlsServer(TestCertificates.Identity identity) throws Exception {
        return RawHttpServer.startTls(certificates().server(identity), (request, out) ->
                RawHttpServer.respond(out, 200, "application/json", RawHttpServer.modernAnswer(request.body())));
    }

    @Test
    void aSelfSignedCertificateIsUnreachableAndNeverRetriedInPlainHttp() throws Exception {
        try (RawHttpServer server = tlsServer(TestCertificates.Identity.SELF_SIGNED)) {
            ProbeResult result = probe("TLS with a self-signed certificate", server, TLS_DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER,
                    "TLS: the server's certificate is not trusted (no chain to a trusted root, e.g. self-signed)"));
            assertThat(server.acceptedConnections()).isPositive();
            assertThat(server.plaintextConnections()).isZero();
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void anExpiredCertificateIsUnreachableAndNeverRetriedInPlainHttp() throws Exception {
        try (ProbeHttpClient trusting = clientTrustingTestCa();
             RawHttpServer valid = tlsServer(TestCertificates.Identity.VALID);
             RawHttpServer server = tlsServer(TestCertificates.Identity.EXPIRED)) {
            // Control: the same client and key with an unexpired certificate from the same CA get through.
            assertThat(probe(trusting, valid.url(), 10_000).outcome()).isEqualTo(new ProbeOutcome.Ok());

            ProbeResult result = probe("TLS with an expired certificate (from a trusted CA)", trusting, server, TLS_DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER,
                    "TLS: the server's certificate has expired"));
            assertThat(server.acceptedConnections()).isPositive();
            assertThat(server.plaintextConnections()).isZero();
            assertThat(server.requests()).isEmpty();
        }
    }
}
