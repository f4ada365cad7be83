package dev.mcpulse.bench.load;

import java.nio.file.Path;

/**
 * {@code bin/mcpulse-load [--seconds 60] [--concurrency 8] [--endpoints 1000] [--out FILE]}: how long to drive the
 * local stack, with how many requests in flight, over how large a fleet, and which file receives the figures.
 */
record LoadOptions(int seconds, int concurrency, int endpoints, Path out) {

    static final String USAGE = "usage: mcpulse-load [--seconds 60] [--concurrency 8] [--endpoints 1000] [--out FILE]";

    static final int DEFAULT_SECONDS = 60;
    static final int DEFAULT_CONCURRENCY = 8;
    static final int DEFAULT_ENDPOINTS = 1_000;

    static LoadOptions parse(String[] args, Path root) {
        int seconds = DEFAULT_SECONDS;
        int concurrency = DEFAULT_CONCURRENCY;
        int endpoints = DEFAULT_ENDPOINTS;
        Path out = root.resolve("docs/reliability.md");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--seconds" -> seconds = number(flag, value(args, ++i, flag), 1, 600);
                // At least two: a worker for each route.
                case "--concurrency" -> concurrency = number(flag, value(args, ++i, flag), 2, 256);
                case "--endpoints" -> endpoints = number(flag, value(args, ++i, flag), 1, 10_000);
                case "--out" -> out = Path.of(value(args, ++i, flag)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + flag);
            }
        }
        return new LoadOptions(seconds, concurrency, endpoints, out);
    }

    private static int number(String flag, String raw, int min, int max) {
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(flag + " must be a whole number from " + min + " to " + max
                + ", was \"" + raw + "\"");
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
