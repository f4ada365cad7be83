package dev.mcpulse.bench.cold.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskClassLoaderTest {

    @TempDir
    Path task;

    @Test
    void theTaskRootComesFirstThenItsLibJarsInNameOrder() throws IOException {
        Files.createDirectories(task.resolve("lib"));
        jar(task.resolve("lib/b.jar"), "shared.txt", "from b");
        jar(task.resolve("lib/a.jar"), "shared.txt", "from a");
        Files.writeString(task.resolve("lib/notes.txt"), "not a jar");

        List<URL> urls = TaskClassLoader.urls(task);

        assertThat(urls).extracting(URL::getPath).containsExactly(task.toUri().getPath(),
                task.resolve("lib/a.jar").toUri().getPath(), task.resolve("lib/b.jar").toUri().getPath());
    }

    @Test
    void aFileInTheTaskRootWinsOverTheSameNameInALibJar() throws IOException {
        Files.createDirectories(task.resolve("lib"));
        jar(task.resolve("lib/a.jar"), "shared.txt", "from a");
        Files.writeString(task.resolve("shared.txt"), "from the task root");

        try (URLClassLoader loader = TaskClassLoader.over(task, null)) {
            assertThat(new String(loader.getResource("shared.txt").openStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("from the task root");
        }
    }

    @Test
    void theParentIsAskedFirst() throws Exception {
        // The same class in the task root too, as a shaded jar carries aws-lambda-java-core: the parent's wins.
        String file = TaskClassLoader.class.getName().replace('.', '/') + ".class";
        Path copy = task.resolve(file);
        Files.createDirectories(copy.getParent());
        try (var in = TaskClassLoader.class.getClassLoader().getResourceAsStream(file)) {
            Files.copy(in, copy);
        }
        try (URLClassLoader loader = TaskClassLoader.over(task, getClass().getClassLoader())) {
            assertThat(loader.loadClass(TaskClassLoader.class.getName())).isSameAs(TaskClassLoader.class);
        }
    }

    @Test
    void aMissingTaskRootIsRefused() {
        assertThatThrownBy(() -> TaskClassLoader.over(task.resolve("absent"), null)).hasMessageContaining("no task root");
    }

    private static void jar(Path path, String entry, String content) throws IOException {
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
