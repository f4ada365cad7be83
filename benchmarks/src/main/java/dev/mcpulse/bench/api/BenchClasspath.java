package dev.mcpulse.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's classpath without some of its jars, for a child process that must not carry them: the
 * benchmarks' own classes (target/classes) plus target/lib, as Maven copied it.
 */
public final class BenchClasspath {

    private BenchClasspath() {
    }

    /** The classpath minus every jar in target/lib whose file name starts with {@code excludedPrefix}. */
    public static String without(String excludedPrefix) {
        Path own = ownLocation();
        Path target = own.getParent();
        Path lib = target.resolve("lib");
        if (!Files.isDirectory(own)) {
            // The runnable jar's manifest Class-Path names every jar of lib/ (the excluded ones too): use the classes.
            own = target.resolve("classes");
        }
        List<String> entries = new ArrayList<>();
        entries.add(own.toString());
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(jar -> jar.getFileName().toString().endsWith(".jar"))
                    .filter(jar -> !jar.getFileName().toString().startsWith(excludedPrefix))
                    .sorted()
                    .forEach(jar -> entries.add(jar.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib + " (build the benchmarks with Maven first)", e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path ownLocation() {
        try {
            return Path.of(BenchClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
