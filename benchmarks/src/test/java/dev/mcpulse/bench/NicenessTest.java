package dev.mcpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NicenessTest {

    @Test
    void everyThreadOfTheProcessIsServedLater() throws Exception {
        // A JVM has many threads from its start: each must be reniced, not only the one whose id is the process's.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Sleeper.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitThreads(child.pid());
            Niceness.lower(child.pid(), 7);

            assertThat(Niceness.threadsNotAt(child.pid(), 7)).isEmpty();
            assertThat(Niceness.threadsNotAt(child.pid(), 0)).hasSizeGreaterThan(1); // the threads are there
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatIsGoneIsAnError() {
        assertThatThrownBy(() -> Niceness.lower(Long.MAX_VALUE, 5)).isInstanceOf(IOException.class);
    }

    /** Sleeps until it is ended: a process with the JVM's usual threads. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }

    private static void awaitThreads(long pid) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && threadCount(pid) < 5; i++) {
            Thread.sleep(50);
        }
    }

    private static long threadCount(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.count();
        }
    }
}
