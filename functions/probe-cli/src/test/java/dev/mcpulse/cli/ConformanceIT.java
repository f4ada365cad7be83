package dev.mcpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.testsupport.NodeFixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in test-support) with
 * {@code mcpulse-probe} as the client under test. The suite splits the command on single spaces and runs it through
 * a shell, appending the scenario server's URL; it fails a scenario on any failed check or warning.
 */
@Tag("interop")
class ConformanceIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "initialize | ''",
            "tools_call | --tool add_numbers --arguments '{\"a\":2,\"b\":3}'",
            "sse-retry  | --tool test_reconnection",
            // OAuth client credentials (SEP-1046): the suite's authorization server takes only client_secret_basic,
            // or only a private_key_jwt assertion signed with the ES256 key it generated; its credentials come in
            // MCP_CONFORMANCE_CONTEXT.
            "auth/client-credentials-basic | --conformance",
            "auth/client-credentials-jwt   | --conformance"
    })
    void scenarioPasses(String scenario, String probeArguments) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath).as("the suite splits the command on spaces").doesNotContain(" ");
        String command = String.join(" ", java.toString(), "-cp", classpath, ProbeCommand.class.getName(), probeArguments).strip();

        List<String> argv = new ArrayList<>(NodeFixtures.conformanceCommand());
        argv.addAll(List.of("client", "--command", command, "--scenario", scenario));
        Path log = Files.createTempFile("conformance-" + scenario.replace('/', '-'), ".log");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the conformance run ends").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("OVERALL: PASSED").contains("0 failed, 0 warnings");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
