package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.cli.ProbeCli;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import dev.mcpulse.wiring.MonitorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 8): several hundred malformed requests and fleet files — generated from valid ones by
 * breaking one thing at a time ({@link BadBodies}, {@link BadRequestLines}) and kept as files
 * ({@link BadFleetFiles}) — each sent through the real Lambda entry with a valid admin token. Every one must get a
 * 4xx JSON error whose field-level message names the field, body or parameter at fault, with no stack trace or
 * exception name, within a bound that proves it did not hang; and leave the registry, every snapshot and the history
 * exactly as they were, with no probe of the real MCP server behind the fleet. Fleet files also go through
 * {@link FleetFile} directly and {@code mcpulse-probe --fleet}. A summary of what was tried is printed at the end.
 */
class BadInputCorpusHandlerTest {

    /** Exception or class names, stack frames and the packages a leaked trace would name. */
    private static final Pattern LEAK = Pattern.compile(
            "\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\tat |\\bat [\\w$.]+\\([\\w$]+\\.java"
                    + "|\\b(dev\\.mcpulse|io\\.micronaut|io\\.netty|com\\.fasterxml|org\\.yaml|org\\.slf4j|software\\.amazon"
                    + "|java\\.lang|java\\.util|java\\.io)\\.");
    /** A generous bound that proves a request did not hang, not a speed target. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    private static final CountingReadinessTool readiness = new CountingReadinessTool();
    private static final CorpusTally tally = new CorpusTally();
    private static RunningServer server;
    private static ApiHarness api;
    private static LogCapture logs;
    private static RegistryState seeded;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        server = JavaSdkServers.builder("payments", "1.0.0").standardTools().tool(readiness.tool()).start();
        api = ApiHarness.start();
        seed();
    }

    @AfterAll
    static void stop() {
        System.out.println(tally.summary());
        api.close();
        logs.close();
        server.close();
    }

    /**
     * Two endpoints with snapshots and history. payments-mcp is a real server whose readiness tool counts calls, so
     * a probe would show; most cases aim at one of the two ids (look-alikes, traversal, overwrites).
     */
    private static void seed() {
        api.clearFleet();
        api.register(Seed.entry("payments-mcp", "name", "Payments MCP", "url", server.url().toString(),
                "labels", Map.of("team", "payments"), "readiness", Map.of("tool", CountingReadinessTool.NAME)));
        api.register(Seed.entry("docs-search", "name", "Docs search", "labels", Map.of("team", "platform"),
                "enabled", false));
        Seed seed = new Seed(api);
        seed.checked("payments-mcp", Seed.healthy(3), Duration.ofSeconds(5));
        seed.checked("docs-search", Seed.failed(new ProbeOutcome.Timeout(ProbeStep.TOOLS_LIST, Duration.ofSeconds(10))),
                Duration.ofSeconds(7));
        seeded = RegistryState.of(api);
    }

    /** Built once: the corpus holds several 10 MB bodies. */
    private static final class Corpus {
        static final List<BadRequest> REQUESTS = Stream.concat(BadBodies.all(), BadRequestLines.all()).toList();
        static final List<BadFleetFiles.FleetCase> FLEET_FILES = BadFleetFiles.all().toList();
    }

    static Stream<BadRequest> requests() {
        return Corpus.REQUESTS.stream();
    }

    static Stream<BadFleetFiles.FleetCase> fleetFiles() {
        return Corpus.FLEET_FILES.stream();
    }

    @Test
    void theCorpusHoldsAtLeastTwoHundredCases() {
        assertThat(requests().count() + fleetFiles().count()).isGreaterThanOrEqualTo(200);
        assertThat(requests().map(BadRequest::toString)).as("no case twice").doesNotHaveDuplicates();
        assertThat(fleetFiles().map(BadFleetFiles.FleetCase::toString)).as("no fleet file twice").doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aBadRequestGetsA4xxNamingTheFieldAndChangesNothing(BadRequest bad) {
        named(bad, () -> sendAndCheck(bad));
    }

    private static void sendAndCheck(BadRequest bad) {
        RegistryState before = RegistryState.of(api);
        int readinessCalls = readiness.calls();
        int logLines = logs.lines().size();

        long started = System.nanoTime();
        ApiHarness.Response response = bad.change().apply(api.request(bad.fixture()).admin()).send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        tally.request(bad.category(), response.status(), took, bad.toString());

        assertRefused(response, bad.status(), bad.field());
        assertThat(took).as("answered without hanging").isLessThan(NO_HANG);
        assertThat(RegistryState.of(api)).as("registry, snapshots and history").isEqualTo(before);
        assertThat(readiness.calls()).as("probes of the real server").isEqualTo(readinessCalls);
        assertNoErrorLogged(logLines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleetFiles")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBadFleetFileIsRefusedByTheImportRouteByFleetFileAndByTheCommandLine(BadFleetFiles.FleetCase bad) {
        named(bad, () -> importAndCheck(bad));
    }

    private static void importAndCheck(BadFleetFiles.FleetCase bad) throws IOException {
        RegistryState before = RegistryState.of(api);
        int readinessCalls = readiness.calls();
        int logLines = logs.lines().size();

        long started = System.nanoTime();
        ApiHarness.Response response = api.request(BadRequest.IMPORT_YAML).admin().contentType(bad.contentType())
                .body(bad.content()).send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        tally.fleetFile(bad.category(), response.status(), took, bad.toString());

        assertRefused(response, bad.status(), bad.field());
        assertThat(took).as("answered without hanging").isLessThan(NO_HANG);
        assertThat(RegistryState.of(api)).as("registry, snapshots and history").isEqualTo(before);
        assertThat(readiness.calls()).as("probes of the real server").isEqualTo(readinessCalls);
        assertNoErrorLogged(logLines);

        if (bad.fleetFileField() != null) {
            assertFleetFileRefuses(bad);
            if (bad.commandLine()) {
                assertCommandLineRefuses(bad);
            }
        }
    }

    /** The domain's parser, built with the api function's own settings, as the import route builds it. */
    private static void assertFleetFileRefuses(BadFleetFiles.FleetCase bad) {
        MonitorSettings settings = api.bean(MonitorSettings.class);
        long started = System.nanoTime();
        FleetFile.Parsed parsed = new FleetFile(settings.urlPolicy(), settings.interval()).parse(bad.content());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("parsed without hanging").isLessThan(NO_HANG);

        assertThat(parsed.valid()).as("FleetFile finds it invalid").isFalse();
        assertThat(parsed.endpoints()).as("nothing to save").isEmpty();
        FleetFile.EntryError first = parsed.errors().getFirst();
        assertThat(first.error().field()).as("FleetFile's first error").isEqualTo(bad.fleetFileField());
        assertThat(first.message()).contains("\"" + bad.fleetFileField() + "\"").doesNotContainPattern(LEAK);
        tally.fleetFileParsed();
    }

    /** {@code mcpulse-probe --fleet FILE --id ID}: a usage error (exit 2) naming the field, before anything is dialled. */
    private static void assertCommandLineRefuses(BadFleetFiles.FleetCase bad) throws IOException {
        Path file = Files.writeString(temp.resolve("fleet-" + Math.abs(bad.name().hashCode()) + (bad.json() ? ".json" : ".yaml")),
                bad.content(), StandardCharsets.UTF_8);
        ProbeCli.Run run = ProbeCli.run(Map.of(), List.of("--fleet", file.toString(), "--id", "new-one"));

        assertThat(run.exitCode()).as("exit code; stderr: " + abbreviated(run.err())).isEqualTo(ProbeCli.usageExitCode());
        assertThat(run.out()).as("no result printed").isEmpty();
        assertThat(run.err()).contains("is not a valid fleet file").contains("\"" + bad.fleetFileField() + "\"")
                .doesNotContainPattern(LEAK);
        tally.commandLineRun();
    }

    private static void assertRefused(ApiHarness.Response response, int status, String field) {
        String shown = abbreviated(response.body());
        assertThat(response.status()).as("status; body: " + shown).isEqualTo(status);
        assertThat(response.header("content-type")).as("content type").startsWith("application/json");
        assertThat(response.body().length()).as("a bounded answer").isLessThan(256 * 1024);
        assertThat(response.body()).as("no stack trace or exception name").doesNotContainPattern(LEAK);

        Map<String, Object> error = api.parse(response.body());
        assertThat(error.get("error")).as("error code; body: " + shown).isInstanceOf(String.class);
        assertThat((String) error.get("error")).matches("[a-z_]+");
        assertThat(error.get("message")).isInstanceOf(String.class);
        assertThat((String) error.get("message")).as("message").isNotBlank().hasSizeLessThan(600);
        assertThat(error.get("errors")).as("errors list").isInstanceOf(List.class);
        if (field == null) {
            assertThat(error).as("no field at fault; body: " + shown).doesNotContainKey("field");
            return;
        }
        assertThat(error.get("field")).as("field; body: " + shown).isEqualTo(field);
        List<Map<String, Object>> problems = ReadRoutesHandlerTest.list(error.get("errors"));
        Optional<Map<String, Object>> problem = problems.stream().filter(p -> field.equals(p.get("field"))).findFirst();
        assertThat(problem).as("a problem for field " + field + "; body: " + shown).isPresent();
        String message = (String) problem.get().get("message");
        assertThat(message).as("the field's message").isNotBlank().hasSizeLessThan(1000);
        assertThat(message).as("the field's message names it").contains(field.equals("(file)") ? "fleet file" : field);
    }

    private interface Check {
        void run() throws IOException;
    }

    /**
     * A failure names its case (a parameterized test's report shows only its index), and a case that changed the
     * registry is undone so that the next ones start from the seeded fleet.
     */
    private static void named(Object bad, Check check) {
        try {
            check.run();
        } catch (AssertionError | IOException e) {
            if (!RegistryState.of(api).equals(seeded)) {
                seed();
            }
            throw new AssertionError(bad + ": " + e.getMessage(), e);
        }
    }

    private static void assertNoErrorLogged(int fromLine) {
        List<String> lines = logs.lines();
        assertThat(lines.subList(Math.min(fromLine, lines.size()), lines.size()))
                .as("log lines at ERROR").noneMatch(line -> line.contains("\"level\":\"ERROR\""));
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 600 ? text : text.substring(0, 600) + "…(" + text.length() + " characters)";
    }
}
