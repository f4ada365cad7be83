package dev.mcpulse.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code bin/mcpulse-bench [--only B1,B3] [--quick] [--out FILE]}: which benchmarks to run, whether to run them
 * small (a smoke run: fewer endpoints and repetitions, figures not comparable), and where the report goes.
 */
public record BenchOptions(Set<String> only, boolean quick, Path out, Path root) {

    static final String USAGE = "usage: mcpulse-bench [--only B1,B2,…] [--quick] [--out FILE]";

    static BenchOptions parse(String[] args, Path root) {
        Set<String> only = new LinkedHashSet<>();
        boolean quick = false;
        Path out = root.resolve("docs/benchmarks.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> {
                    for (String id : value(args, ++i).split(",")) {
                        only.add(id.trim().toUpperCase(java.util.Locale.ROOT));
                    }
                }
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new BenchOptions(Set.copyOf(only), quick, out, root);
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
