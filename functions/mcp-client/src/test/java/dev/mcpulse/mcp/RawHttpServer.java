package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A loopback TCP server that misbehaves on purpose — drips bytes, streams forever, sends huge or broken HTTP,
 * accepts and stays silent. These are faults no real MCP SDK server can be made to produce, so a raw socket is
 * the honest way to make them real. One virtual thread per connection, all closed with the server.
 *
 * <p>It also watches the client: a connection counts as released once the client has closed it (or the server
 * has), so a test can tell whether the probe let go of a hostile connection. With an {@link SSLContext} it speaks
 * TLS, and records any connection whose first byte is not a TLS handshake (a plain-HTTP retry).
 */
final class RawHttpServer implements AutoCloseable {

    /** What to do with one connection once its request has been read. */
    interface Behaviour {
        void respond(Request request, OutputStream out) throws IOException, InterruptedException;
    }

    /** Header names are lower-cased. */
    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final ServerSocket socket;
    private final Optional<SSLContext> tls;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    /** Connections neither side has closed yet. */
    private final Set<Socket> unreleased = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger plaintextOnTls = new AtomicInteger();
    private final AtomicInteger failedHandshakes = new AtomicInteger();

    private RawHttpServer(Optional<SSLContext> tls, Behaviour behaviour) throws IOException {
        this.tls = tls;
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("raw-http-accept").start(() -> acceptLoop(behaviour));
    }

    static RawHttpServer start(Behaviour behaviour) throws IOException {
        return new RawHttpServer(Optional.empty(), behaviour);
    }

    /** The same server behind TLS with the given server identity. */
    static RawHttpServer startTls(SSLContext identity, Behaviour behaviour) throws IOException {
        return new RawHttpServer(Optional.of(identity), behaviour);
    }

    URI url() {
        return URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + socket.getLocalPort() + "/mcp");
    }

    /** Every request read so far, in arrival order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    int acceptedConnections() {
        return accepted.get();
    }

    /** Connections to the TLS server whose first byte was not a TLS handshake record. */
    int plaintextConnections() {
        return plaintextOnTls.get();
    }

    int failedHandshakes() {
        return failedHandshakes.get();
    }

    /** True once every connection so far has been closed by one side or the other, waiting up to {@code patience}. */
    boolean allConnectionsReleased(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (!unreleased.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        return unreleased.isEmpty();
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                connections.add(connection);
                unreleased.add(connection);
                Thread.ofVirtual().start(() -> serve(connection, behaviour));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection, Behaviour behaviour) {
        try (connection) {
            Socket wire = tls.isPresent() ? handshake(connection) : connection;
            if (wire == null) {
                return;
            }
            Request request = read(wire.getInputStream());
            if (request != null) {
                requests.add(request);
                Thread.ofVirtual().start(() -> watchForClientClose(connection, wire));
                behaviour.respond(request, wire.getOutputStream());
                wire.getOutputStream().flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client hung up (deadline passed, cap reached): that is the point of these tests.
        } finally {
            connections.remove(connection);
            unreleased.remove(connection);
        }
    }

    /** The TLS layer over an accepted socket, or null when the handshake failed (the probe refused the certificate). */
    private SSLSocket handshake(Socket connection) throws IOException {
        InputStream raw = connection.getInputStream();
        int first = raw.read();
        if (first < 0) {
            return null;
        }
        if (first != TLS_HANDSHAKE_RECORD) {
            plaintextOnTls.incrementAndGet();
        }
        SSLSocket ssl = (SSLSocket) tls.orElseThrow().getSocketFactory()
                .createSocket(connection, new ByteArrayInputStream(new byte[] {(byte) first}), true);
        try {
            ssl.startHandshake();
            return ssl;
        } catch (SSLException e) {
            failedHandshakes.incrementAndGet();
            return null;
        }
    }

    /** Reads whatever else the client sends until it closes its side: then the connection is released. */
    private void watchForClientClose(Socket connection, Socket wire) {
        try {
            InputStream in = wire.getInputStream();
            while (in.read() >= 0) {
                // A client may say more (a pipelined request); only its end matters here.
            }
        } catch (IOException e) {
            // Reset by the client, or closed by the server: released either way.
        }
        unreleased.remove(connection);
    }

    /** One request from {@code in}: its head and a body of Content-Length bytes; null at the end of the stream. */
    static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers, new String(body, StandardCharsets.UTF_8));
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A complete response with a fixed length, closing the connection afterwards. */
    static void respond(OutputStream out, int status, String contentType, byte[] body) throws IOException {
        write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n");
        out.write(body);
        out.flush();
    }

    /** The minimal modern server's answer to one request: a DiscoverResult for server/discover, one tool for tools/list. */
    static byte[] modernAnswer(String requestBody) {
        JsonNode request = Json.parse(requestBody.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        String result = switch (request.path("method").asText()) {
            case "server/discover" -> "{\"supportedVersions\":[\"2026-07-28\"],\"capabilities\":{\"tools\":{}},\"resultType\":\"complete\",\"ttlMs\":0}";
            case "tools/list" -> "{\"tools\":[{\"name\":\"ready\",\"inputSchema\":{\"type\":\"object\"}}],\"resultType\":\"complete\",\"ttlMs\":0}";
            default -> "{}";
        };
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
