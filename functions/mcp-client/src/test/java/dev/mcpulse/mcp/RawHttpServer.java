package dev.mcpulse.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP server that misbehaves on purpose — drips bytes, streams forever, sends huge or broken HTTP,
 * accepts and stays silent. These are faults no real MCP SDK server can be made to produce, so a raw socket is
 * the honest way to make them real. One virtual thread per connection, all closed with the server.
 */
final class RawHttpServer implements AutoCloseable {

    /** What to do with one connection once its request has been read. */
    interface Behaviour {
        void respond(Request request, OutputStream out) throws IOException, InterruptedException;
    }

    /** Header names are lower-cased. */
    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private final ServerSocket socket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private RawHttpServer(Behaviour behaviour) throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("raw-http-accept").start(() -> acceptLoop(behaviour));
    }

    static RawHttpServer start(Behaviour behaviour) throws IOException {
        return new RawHttpServer(behaviour);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mcp");
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread.ofVirtual().start(() -> serve(connection, behaviour));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection, Behaviour behaviour) {
        try (connection) {
            Request request = read(connection.getInputStream());
            if (request != null) {
                behaviour.respond(request, connection.getOutputStream());
                connection.getOutputStream().flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client hung up (deadline passed, cap reached): that is the point of these tests.
        } finally {
            connections.remove(connection);
        }
    }

    private static Request read(InputStream in) throws IOException {
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

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
