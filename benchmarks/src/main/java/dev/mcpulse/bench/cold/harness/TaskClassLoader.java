package dev.mcpulse.bench.cold.harness;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader the Lambda Java runtime gives a function: its deployment package as Lambda extracted it into the
 * task root ({@code /var/task}), the directory itself first, then the jars in its {@code lib} folder in name order,
 * with the runtime's own class path (here: the runtime's jars and the harness) as the parent. That is what
 * aws-lambda-java-runtime-interface-client's {@code CustomerClassLoader} builds; a function's classes are therefore
 * read from files in a directory, not from the jar it was uploaded as.
 */
public final class TaskClassLoader {

    private TaskClassLoader() {
    }

    /** A class loader over {@code taskRoot} and {@code taskRoot/lib/*.jar}, delegating to {@code parent} first. */
    public static URLClassLoader over(Path taskRoot, ClassLoader parent) throws IOException {
        return new URLClassLoader(urls(taskRoot).toArray(URL[]::new), parent);
    }

    static List<URL> urls(Path taskRoot) throws IOException {
        if (!Files.isDirectory(taskRoot)) {
            throw new IOException("no task root at " + taskRoot);
        }
        List<URL> urls = new ArrayList<>();
        urls.add(url(taskRoot)); // a directory's URL ends in '/', which URLClassLoader needs to read it as one
        Path lib = taskRoot.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(url(jar));
                }
            }
        }
        return urls;
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toAbsolutePath().toUri().toURL();
    }
}
