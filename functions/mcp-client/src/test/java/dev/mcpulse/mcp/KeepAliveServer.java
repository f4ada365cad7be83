package dev.mcpulse.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that keeps connections alive and serves the requests of each connection in order, as a
 * real keep-alive server does: a late answer to one request goes out on its connection before the answer to the next.
 * That order is what makes a reused connection dangerous, so the server records which connection carried which request.
 * One virtual thread per connection, all closed with the server.
 */
final class KeepAliveServer implements AutoCloseable {

    /** The answer to one request: its JSON body, sent after {@code delay}. */
    record Answer(Duration delay, byte[] body) {
    }

    interface Behaviour {
        Answer answer(RawHttpServer.Request request);
    }

    /** One request as served: the connection that carried it (counted from 1) and the request. */
    record Served(int connection, RawHttpServer.Request request) {
    }

    private final ServerSocket socket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private KeepAliveServer(Behaviour behaviour) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("keep-alive-accept").start(() -> acceptLoop(behaviour));
    }

    static KeepAliveServer start(Behaviour behaviour) throws IOException {
        return new KeepAliveServer(behaviour);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mcp");
    }

    /** The requests read so far, in arrival order. */
    List<Served> served() {
        return List.copyOf(served);
    }

    /**
     * The requests read, once there are {@code expected} or {@code patience} has passed: a connection's thread may lag
     * behind the client on a loaded machine.
     */
    List<Served> servedAtLeast(int expected, Duration patience) throws InterruptedException {
        long giveUp = System.nanoTime() + patience.toNanos();
        while (served.size() < expected && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        return served();
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                int number = accepted.incrementAndGet();
                connections.add(connection);
                Thread.ofVirtual().start(() -> serve(number, connection, behaviour));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(int number, Socket connection, Behaviour behaviour) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            RawHttpServer.Request request;
            while ((request = RawHttpServer.read(in)) != null) {
                served.add(new Served(number, request));
                Answer answer = behaviour.answer(request);
                Thread.sleep(answer.delay());
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.body().length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(answer.body());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client closed the connection (a late answer may find it gone): what these tests look at.
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
