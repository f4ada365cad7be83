package dev.mcpulse.bench.memory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback servers that accept TCP connections and never send a byte: a probe of one stays in flight until its
 * deadline. Several, because the probe's HTTP client opens at most
 * {@code McpHttpClients.MAX_CONNECTIONS_PER_ORIGIN} connections to one origin: more probes than that to a single
 * black hole would wait for a connection instead of holding one.
 */
final class BlackHoles implements AutoCloseable {

    private final List<ServerSocket> sockets = new ArrayList<>();
    private final List<Socket> held = new ArrayList<>();

    BlackHoles(int count) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
                sockets.add(socket);
                Thread.ofPlatform().name("black-hole-" + i).daemon().start(() -> accept(socket));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                synchronized (held) {
                    held.add(connection);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The MCP URL of black hole {@code i}. */
    URI url(int i) {
        return URI.create("http://127.0.0.1:" + sockets.get(i).getLocalPort() + "/mcp");
    }

    List<Integer> ports() {
        return sockets.stream().map(ServerSocket::getLocalPort).toList();
    }

    @Override
    public void close() {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        synchronized (held) {
            for (Socket connection : held) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // Closing anyway.
                }
            }
        }
    }
}
