package dev.mcpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mcpulse-probe} against real servers: exit code per outcome family, the JSON, the summary line. */
@Tag("interop")
class ProbeCommandIT {

    private record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out, e);
            }
        }
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ProbeCommand(env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(run.out() + run.err()).doesNotContain(CliFleet.TOKEN).doesNotContain("Exception").doesNotContain("\tat ");
        return run;
    }

    @Test
    void aHealthyModernServerExitsZeroWithTheResultAsJsonAndASummary() {
        Run run = run(Map.of(), CliFleet.url("modern-only").toString(), "--tool", "add", "--arguments", "{\"a\":1,\"b\":2}");

        assertThat(run.exitCode()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("outcome").asText()).isEqualTo("ok");
        assertThat(json.path("connected").asBoolean()).isTrue();
        assertThat(json.path("era").asText()).isEqualTo("modern");
        assertThat(json.path("protocolVersion").asText()).isEqualTo("2026-07-28");
        assertThat(json.path("toolsCount").asInt()).isEqualTo(3);
        assertThat(json.path("toolsHash").asText()).hasSize(64);
        assertThat(json.path("latency").has("toolCallMs")).isTrue();
        assertThat(run.err().strip()).startsWith("OK " + CliFleet.url("modern-only")).contains("era=modern").contains("tools=3")
                .doesNotContain("\n");
    }

    @Test
    void aWrongTokenExitsThreeAndNamesTheStatusAndStep() {
        Run run = run(Map.of("MCP_TOKEN", "wrong-token-value"), CliFleet.url("bearer").toString(), "--token-env", "MCP_TOKEN");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("outcome").asText()).isEqualTo("auth_rejected");
        assertThat(run.json().path("httpStatus").asInt()).isEqualTo(401);
        assertThat(run.json().path("step").asText()).isEqualTo("discover");
        assertThat(run.err()).startsWith("AUTH_REJECTED");
    }

    @Test
    void anUnsetTokenVariableIsAuthMissingAndNothingIsDialled() {
        Run run = run(Map.of(), CliFleet.url("bearer").toString(), "--token-env", "MCP_TOKEN_NOT_SET");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("outcome").asText()).isEqualTo("auth_missing");
        assertThat(run.json().has("httpStatus")).isFalse();
    }

    @Test
    void theTokenNeverAppearsEvenWhenTheServerEchoesItInAToolError() {
        Run run = run(Map.of("MCP_TOKEN", CliFleet.TOKEN), CliFleet.url("bearer").toString(), "--token-env", "MCP_TOKEN", "--tool", "check");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.json().path("outcome").asText()).isEqualTo("tool_error");
        assertThat(run.json().path("lastError").asText()).contains("upstream rejected credential");
    }

    @Test
    void aFleetEntryIsProbedAsItWouldBeSavedWithItsSecretFromTheEnvironment(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        java.nio.file.Files.writeString(fleet, "endpoints:\n"
                + "  - {id: open, url: '" + CliFleet.url("modern-only") + "', readiness: {tool: add, arguments: {a: 1, b: 2}}}\n"
                + "  - {id: locked, url: '" + CliFleet.url("bearer") + "', auth: {type: bearer, secret: team/locked-token}}\n");

        Run open = run(Map.of(), "--fleet", fleet.toString(), "--id", "open");
        assertThat(open.exitCode()).isZero();
        assertThat(open.json().path("outcome").asText()).isEqualTo("ok");

        Run wrong = run(Map.of("MCPULSE_SECRET_TEAM_LOCKED_TOKEN", "wrong-token-value"), "--fleet", fleet.toString(), "--id", "locked");
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.json().path("outcome").asText()).isEqualTo("auth_rejected");
        assertThat(wrong.json().path("httpStatus").asInt()).isEqualTo(401);

        Run right = run(Map.of("MCPULSE_SECRET_TEAM_LOCKED_TOKEN", CliFleet.TOKEN), "--fleet", fleet.toString(), "--id", "locked");
        assertThat(right.exitCode()).isZero();

        Run missing = run(Map.of(), "--fleet", fleet.toString(), "--id", "locked");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.json().path("outcome").asText()).isEqualTo("auth_missing");
        assertThat(missing.json().path("lastError").asText()).contains("team/locked-token");
    }

    @Test
    void anInvalidFleetFileOrUnknownIdIsAUsageErrorNamingTheProblem(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        java.nio.file.Files.writeString(fleet, "- {id: Bad_Id, url: 'file:///etc/passwd'}\n");
        Path good = dir.resolve("good.yaml");
        java.nio.file.Files.writeString(good, "- {id: one, url: 'http://127.0.0.1:9/mcp'}\n");

        Run invalid = run(Map.of(), "--fleet", fleet.toString(), "--id", "x");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("is not a valid fleet file", "field \"id\"", "field \"url\"");

        Run unknown = run(Map.of(), "--fleet", good.toString(), "--id", "two");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no entry with id \"two\"", "(ids: one)");

        Run mixed = run(Map.of(), "--fleet", good.toString(), "--id", "one", "--tool", "add");
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("--tool cannot be combined with --fleet");
    }

    @Test
    void anUnreachableServerExitsFour() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Run run = run(Map.of(), "http://127.0.0.1:" + port + "/mcp", "--timeout-ms", "2000");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.json().path("outcome").asText()).isEqualTo("unreachable");
    }

    @Test
    void aToolReportingIsErrorExitsFive() {
        Run run = run(Map.of(), CliFleet.url("tool-is-error").toString(), "--tool", "check");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.json().path("lastError").asText()).contains("database unreachable");
    }

    @Test
    void aMalformedServerExitsSix() {
        Run run = run(Map.of(), CliFleet.url("malformed").toString());

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.json().path("outcome").asText()).isEqualTo("protocol_error");
        assertThat(run.json().path("httpStatus").asInt()).isEqualTo(200);
    }

    @Test
    void forcingTheSseTransportWorksOnAnHttpSseServer() {
        Run run = run(Map.of(), CliFleet.url("sse-legacy").toString(), "--transport", "sse");

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().path("era").asText()).isEqualTo("legacy-sse");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                          | the MCP endpoint URL is missing",
            "http://127.0.0.1:1/mcp --bogus x                            | unknown option --bogus",
            "http://127.0.0.1:1/mcp --tool                               | --tool needs a value",
            "http://127.0.0.1:1/mcp --tool t --arguments {nope           | --arguments is not valid JSON",
            "http://127.0.0.1:1/mcp --tool t --arguments [1]             | --arguments needs a JSON object",
            "http://127.0.0.1:1/mcp --arguments {}                       | --arguments needs --tool",
            "http://127.0.0.1:1/mcp --timeout-ms soon                    | --timeout-ms needs a whole number",
            "http://127.0.0.1:1/mcp --timeout-ms 5                       | --timeout-ms: expected",
            "http://127.0.0.1:1/mcp --transport carrier-pigeon           | --transport: expected one of auto, streamable-http, sse",
            "ftp://example.com/mcp                                       | <url>: expected",
            "http://127.0.0.1:1/mcp --header X-Api-Key                   | --header needs --token-env",
            "http://127.0.0.1:1/mcp --token-env T --header Mcp-Session-Id | --header: expected",
            "http://a/mcp http://b/mcp                                   | more than one URL",
            "http://127.0.0.1:1/mcp --client-id probe                    | --client-id needs --token-env",
            "http://127.0.0.1:1/mcp --scope mcp:tools                    | --scope needs --client-id",
            "http://127.0.0.1:1/mcp --token-env T --client-id probe --token-endpoint-auth tls | --token-endpoint-auth: expected one of client_secret_basic",
            "http://127.0.0.1:1/mcp --token-env T --client-id probe --authorization-server ftp://as | --authorization-server: expected",
            "http://127.0.0.1:1/mcp --token-env T --client-id probe --signing-alg ES256 | --signing-alg: expected",
            "http://127.0.0.1:1/mcp --signing-alg ES256                  | --signing-alg needs --client-id",
            "http://127.0.0.1:1/mcp --conformance --token-env T          | --token-env cannot be combined with --conformance",
            "http://127.0.0.1:1/mcp --conformance --conformance          | --conformance is given twice",
            "http://127.0.0.1:1/mcp --conformance                        | MCP_CONFORMANCE_SCENARIO; it is not set"
    })
    void usageErrorsExitTwoWithAPreciseMessageAndNoStackTrace(String args, String message) {
        List<String> argv = new ArrayList<>(args.isBlank() ? List.of() : List.of(args.strip().split(" +")));
        Run run = run(Map.of(), argv.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("mcpulse-probe: ").contains(message).contains("usage: mcpulse-probe");
    }

    /** A conformance context that cannot be used is a usage error that never quotes the credentials it holds. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"auth/client-credentials-jwt\",\"client_id\":\"c\",\"client_secret\":\"SECRET-canary-4471\"} | is for the scenario auth/client-credentials-jwt, not auth/client-credentials-basic",
            "{\"client_id\":\"c\",\"client_secret\":\"SECRET-canary-4471\",\"private_key_pem\":\"k\"} | must hold exactly one of client_secret and private_key_pem",
            "{\"client_secret\":\"SECRET-canary-4471\"}                   | holds no client_id",
            "{\"client_id\":\"c\",\"client_secret\":\"SECRET-canary-4471\"                    | is not a JSON object"
    })
    void anUnusableConformanceContextIsAUsageErrorThatQuotesNoCredential(String context, String message) {
        Run run = run(Map.of("MCP_CONFORMANCE_SCENARIO", "auth/client-credentials-basic", "MCP_CONFORMANCE_CONTEXT", context),
                "--conformance", "http://127.0.0.1:1/mcp");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MCP_CONFORMANCE_CONTEXT").contains(message).doesNotContain("SECRET-canary-4471");
    }

    @Test
    void theMainClassRunsAsItsOwnProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ProbeCommand.class.getName(), CliFleet.url("dual-era").toString())
                .redirectErrorStream(false).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(err).isZero();
            assertThat(new ObjectMapper().readTree(out).path("era").asText()).isEqualTo("modern");
            assertThat(err.strip()).startsWith("OK ");
        } finally {
            process.destroyForcibly();
        }
    }
}
