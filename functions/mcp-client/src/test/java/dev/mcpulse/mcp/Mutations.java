package dev.mcpulse.mcp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Seeded generators of plausible and broken JSON-RPC bodies and SSE streams, for fuzzing. */
final class Mutations {

    static final List<String> SEEDS = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"supportedVersions\":[\"2026-07-28\"],\"capabilities\":{},\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"s\",\"version\":\"1\"}}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":[\"2025-11-25\"]}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-11-25\",\"serverInfo\":{\"name\":\"x\",\"version\":\"1\"},\"capabilities\":{\"tools\":{}}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}],\"nextCursor\":\"abc\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"Bad Request: Server not initialized\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"isError\":true}}");

    private static final String[] FRAGMENTS = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1e999999", "1.5",
            "\\u0000", "\\ud800", "\n", "\r\n", "data:", "event: message", "id:", "retry: 1", ": comment", "\uFEFF", "é", "💥",
            "\"jsonrpc\":\"2.0\"", "\"id\":1", "\"result\":", "\"error\":{\"code\":-32022}"};

    private final Random random;

    Mutations(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A JSON-RPC-ish body: a seed, mutated a few times, or pure noise. */
    byte[] jsonBody() {
        return switch (random.nextInt(10)) {
            case 0 -> noise(random.nextInt(200));
            case 1 -> ("[".repeat(random.nextInt(5_000)) + "1").getBytes(StandardCharsets.UTF_8);
            default -> mutate(SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8), 1 + random.nextInt(4));
        };
    }

    /** An event stream: several events (some well-formed, some mutated) with random line endings. */
    byte[] sseStream() {
        StringBuilder stream = new StringBuilder();
        int events = random.nextInt(6);
        for (int i = 0; i < events; i++) {
            String eol = List.of("\n", "\r\n", "\r").get(random.nextInt(3));
            if (random.nextBoolean()) {
                stream.append(": ping").append(eol);
            }
            if (random.nextInt(4) == 0) {
                stream.append("id: ").append(random.nextInt(100)).append(eol).append("retry: ").append(random.nextInt(2000)).append(eol);
            }
            stream.append("event: ").append(random.nextInt(5) == 0 ? "endpoint" : "message").append(eol);
            String data = new String(jsonBody(), StandardCharsets.UTF_8);
            for (String line : data.split("\n", -1)) {
                stream.append("data: ").append(line).append(eol);
            }
            stream.append(eol);
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(4) == 0 ? mutate(bytes, 1 + random.nextInt(3)) : bytes;
    }

    private byte[] mutate(byte[] input, int times) {
        byte[] bytes = input;
        for (int i = 0; i < times; i++) {
            bytes = once(bytes);
        }
        return bytes;
    }

    private byte[] once(byte[] bytes) {
        if (bytes.length == 0) {
            return FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8);
        }
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(5)) {
            case 0 -> { // flip a byte
                byte[] copy = bytes.clone();
                copy[at] = (byte) random.nextInt(256);
                yield copy;
            }
            case 1 -> java.util.Arrays.copyOf(bytes, at); // truncate
            case 2 -> splice(bytes, at, FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8));
            case 3 -> splice(bytes, at, java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(40))));
            default -> splice(bytes, at, noise(1 + random.nextInt(8)));
        };
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private byte[] noise(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
