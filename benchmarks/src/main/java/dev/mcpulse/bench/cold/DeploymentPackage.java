package dev.mcpulse.bench.cold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package as Lambda lays it out in the task root ({@code /var/task}), which the runtime's
 * class loader reads: the directory itself, then {@code lib/*.jar}. mcpulse uploads one shaded jar per function,
 * which Lambda extracts, so its classes are read from files. A plain handler is laid out as AWS's Gradle
 * instructions build a .zip: its jar and its dependencies' jars in {@code lib}. Measured here for the probe's plain
 * handler (ColdStartProfiler, five runs each, 2026-12-04): jars in {@code lib} 1,457 ms and 1,770 ms CPU to the
 * first event, the same jars merged and extracted 1,502 ms and 1,870 ms; so the baseline keeps its faster layout.
 */
final class DeploymentPackage {

    private DeploymentPackage() {
    }

    /** Extracts a shaded jar into {@code taskRoot}, as Lambda extracts an uploaded jar. */
    static void unpack(Path jar, Path taskRoot) throws IOException {
        Path root = Files.createDirectories(taskRoot).toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("entry " + entry.getName() + " of " + jar + " lies outside the task root");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }

    /** Copies {@code jars} into {@code taskRoot/lib}, as a .zip with its jars in {@code lib} is extracted. */
    static void intoLib(List<Path> jars, Path taskRoot) throws IOException {
        Path lib = Files.createDirectories(taskRoot.resolve("lib"));
        for (Path jar : jars) {
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
    }
}
