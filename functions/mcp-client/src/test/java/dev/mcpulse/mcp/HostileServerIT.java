package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.OutcomeKind;
import dev.mcpulse.domain.ProbeOutcome;
import dev.mcpulse.domain.ProbeResult;
import dev.mcpulse.domain.ProbeStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servers that try to hang the probe or exhaust its memory. Every probe must end with the right outcome before
 * its deadline, whatever the server does.
 */
class HostileServerIT {

    private static final int DEADLINE_MS = 1_500;
    private static ProbeHttpClient client;

    @BeforeAll
    static void start() {
        client = McpHttpClients.create();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static ProbeResult probe(RawHttpServer server, int deadlineMs) {
        return probe(client, server, deadlineMs);
    }

    static ProbeResult probe(ProbeHttpClient client, RawHttpServer server, int deadlineMs) {
        Endpoint endpoint = TestEndpoints.at(server.url()).timeoutMs(deadlineMs).build();
        try {
            return new McpProber(client, McpLimits.defaults(), new EraCache(4)).probe(endpoint, Optional.empty())
                    .get(deadlineMs + 1_000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe did not complete normally within its deadline (+1 s of grace)", e);
        }
    }

    @Test
    void aServerThatDripsBytesIsATimeoutDuringTheStepItWasIn() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 1_000; i++) {
                RawHttpServer.write(out, " ");
                Thread.sleep(50);
            }
        })) {
            ProbeResult result = probe(server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(DEADLINE_MS)));
            assertThat(result.lastHttpStatus()).contains(200);
        }
    }

    @Test
    void acceptingAndStayingSilentIsATimeout() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> Thread.sleep(60_000))) {
            ProbeResult result = probe(server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(DEADLINE_MS)));
            assertThat(result.httpStatus()).isEmpty();
        }
    }

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
            ProbeResult result = probe(server, 10_000);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().describe()).contains("larger than");
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
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
            ProbeResult result = probe(server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(DEADLINE_MS)));
        }
    }

    @Test
    void aHugeJsonBodyIsAProtocolErrorNotAnOutOfMemory() throws Exception {
        byte[] huge = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "application/json", huge))) {
            ProbeResult result = probe(server, 10_000);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
            assertThat(result.lastHttpStatus()).contains(200);
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
            ProbeResult result = probe(server, 10_000);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
        }
    }

    @Test
    void bytesThatAreNotHttpAreAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.write(out, "SSH-2.0-OpenSSH_9.6\r\n\r\ngarbage\r\n"))) {
            ProbeResult result = probe(server, DEADLINE_MS);

            assertThat(result.outcome().kind()).isIn(OutcomeKind.PROTOCOL_ERROR, OutcomeKind.UNREACHABLE);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
        }
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsUnreachable() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> { })) {
            ProbeResult result = probe(server, DEADLINE_MS);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.UNREACHABLE);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
        }
    }

    @Test
    void aRedirectIsReportedNotFollowed() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.write(out,
                "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))) {
            ProbeResult result = probe(server, DEADLINE_MS);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 302, ""));
        }
    }

    @Test
    void aWrongResponseIdIsAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{\"supportedVersions\":[\"2026-07-28\"]}}".getBytes(StandardCharsets.UTF_8)))) {
            ProbeResult result = probe(server, DEADLINE_MS);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().describe()).contains("does not match");
        }
    }

    @Test
    void anSseStreamThatEndsBeforeTheAnswerIsAProtocolError() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> RawHttpServer.respond(out, 200, "text/event-stream",
                "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n\n".getBytes(StandardCharsets.UTF_8)))) {
            ProbeResult result = probe(server, DEADLINE_MS);

            // Not a DiscoverResult: a legacy initialize is tried next, and its stream ends the same way.
            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().step()).contains(ProbeStep.INITIALIZE);
            assertThat(result.lastHttpStatus()).contains(200);
        }
    }
}
