package dev.mcpulse.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code bin/mcpulse-bench [--only B1,B3] [--quick] [--sizes 1000,10000] [--out FILE]}: which benchmarks to run,
 * whether to run them small (a smoke run: fewer endpoints and repetitions, figures not comparable), the fleet sizes
 * of B7's scale part (empty: its own), and where the report goes.
 */
public record BenchOptions(Set<String> only, boolean quick, List<Integer> sizes, Path out, Path root) {

    static final String USAGE = "usage: mcpulse-bench [--only B1,B2,…] [--quick] [--sizes 1000,10000,100000] [--out FILE]";
    /** B7 seeds DynamoDB Local in memory: a million endpoints would not fit its heap. */
    static final int MAX_SIZE = 200_000;

    static BenchOptions parse(String[] args, Path root) {
        Set<String> only = new LinkedHashSet<>();
        boolean quick = false;
        List<Integer> sizes = List.of();
        Path out = root.resolve("docs/benchmarks.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> {
                    for (String id : value(args, ++i).split(",")) {
                        only.add(id.trim().toUpperCase(java.util.Locale.ROOT));
                    }
                }
                case "--quick" -> quick = true;
                case "--sizes" -> sizes = sizes(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new BenchOptions(Set.copyOf(only), quick, sizes, out, root);
    }

    /** Fleet sizes, comma-separated whole numbers from 1 to {@link #MAX_SIZE}; measured smallest first. */
    private static List<Integer> sizes(String raw) {
        Set<Integer> sizes = new TreeSet<>();
        for (String size : raw.split(",", -1)) {
            String digits = size.strip().replace("_", "");
            if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > MAX_SIZE) {
                throw new IllegalArgumentException("--sizes " + raw + ": \"" + size.strip() + "\" is not a fleet size;"
                        + " expected whole numbers from 1 to " + MAX_SIZE + ", comma-separated, like 1000,10000");
            }
            sizes.add(Integer.parseInt(digits));
        }
        return List.copyOf(sizes);
    }

    boolean selected(String id) {
        return only.isEmpty() || only.contains(id.toUpperCase(java.util.Locale.ROOT));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
