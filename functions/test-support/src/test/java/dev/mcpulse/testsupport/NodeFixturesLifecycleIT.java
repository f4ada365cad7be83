package dev.mcpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fixtures die with their parent, and the conformance CLI the launcher points at runs on this Node. */
class NodeFixturesLifecycleIT {

    @Test
    void aFixtureExitsWhenItsParentsPipeCloses() throws IOException, InterruptedException {
        NodeRuntime runtime = NodeRuntime.ready();
        ProcessBuilder builder = new ProcessBuilder(runtime.node().toString(), runtime.launcher().toString(), "forbidden")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("EXIT_ON_STDIN_EOF", "1");
        Process fixture = builder.start();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(fixture.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(stdout.readLine()).startsWith("LISTENING http://127.0.0.1:");
            fixture.getOutputStream().close(); // what the OS does to the pipe when the JVM dies, however it dies
            assertThat(fixture.waitFor(10, TimeUnit.SECONDS)).as("fixture exited after its stdin closed").isTrue();
        } finally {
            fixture.destroyForcibly();
        }
    }

    @Test
    void theConformanceCliListsTheClientScenarios() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(NodeFixtures.conformanceCommand());
        command.add("list");
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            cli.getOutputStream().close();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as(output).isZero();
            assertThat(output).contains("Client scenarios").contains("initialize").contains("tools_call").contains("sse-retry");
        } finally {
            cli.destroyForcibly();
        }
    }
}
