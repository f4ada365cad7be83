package dev.mcpulse.bench.cold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentPackageTest {

    @TempDir
    Path dir;

    @Test
    void oneJarIsExtractedFileForFile() throws IOException {
        Path jar = jar("function.jar", Map.of("dev/Handler.class", "bytes", "META-INF/MANIFEST.MF", "Manifest"));

        DeploymentPackage.unpack(jar, dir.resolve("task"));

        try (Stream<Path> tree = Files.walk(dir.resolve("task"))) {
            assertThat(tree.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
        assertThat(dir.resolve("task/dev/Handler.class")).hasContent("bytes");
        assertThat(dir.resolve("task/META-INF/MANIFEST.MF")).hasContent("Manifest");
    }

    @Test
    void jarsGoIntoTheLibFolderWhole() throws IOException {
        Path first = jar("a.jar", Map.of("LICENSE", "first"));
        Path second = jar("b.jar", Map.of("LICENSE", "second"));

        DeploymentPackage.intoLib(List.of(first, second), dir.resolve("task"));

        assertThat(dir.resolve("task/lib/a.jar")).hasSameBinaryContentAs(first);
        assertThat(dir.resolve("task/lib/b.jar")).hasSameBinaryContentAs(second);
    }

    @Test
    void anEntryOutsideTheTaskRootIsRefused() throws IOException {
        Path hostile = jar("hostile.jar", Map.of("../escaped.txt", "no"));

        assertThatThrownBy(() -> DeploymentPackage.unpack(hostile, dir.resolve("task")))
                .hasMessageContaining("outside the task root");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path path = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return path;
    }
}
