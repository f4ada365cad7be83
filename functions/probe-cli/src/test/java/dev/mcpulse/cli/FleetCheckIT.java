package dev.mcpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpulse-probe --fleet FILE --all} against real servers (official TypeScript SDK fixtures): one JSON line per
 * endpoint and round, a summary line whose counts match those lines, and an exit status that gates a deploy.
 */
@Tag("interop")
class FleetCheckIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, List<JsonNode> lines, String err) {
        List<JsonNode> probes() {
            return lines.subList(0, lines.size() - 1);
        }

        JsonNode summary() {
            return lines.getLast().path("summary");
        }
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ProbeCommand(env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout + err).doesNotContain(CliFleet.TOKEN).doesNotContain("Exception").doesNotContain("\tat ");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.strip().split("\n")) {
            lines.add(JSON.readTree(line)); // every stdout line is one JSON document
        }
        return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyEntryIsProbedEachRoundAndTheSummaryCountsWhatThoseLinesSay(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, "endpoints:\n"
                + "  - {id: open, url: '" + CliFleet.url("modern-only") + "'}\n"
                + "  - {id: locked, url: '" + CliFleet.url("bearer") + "', auth: {type: bearer, secret: team/locked-token}}\n"
                + "  - {id: broken, url: '" + CliFleet.url("http-500") + "'}\n");

        Run run = run(Map.of("MCPULSE_SECRET_TEAM_LOCKED_TOKEN", CliFleet.TOKEN),
                "--fleet", fleet.toString(), "--all", "--concurrency", "2", "--repeat", "2");

        assertThat(run.probes()).hasSize(6);
        assertThat(run.probes()).extracting(line -> line.path("id").asText() + "#" + line.path("round").asInt())
                .containsExactlyInAnyOrder("open#1", "locked#1", "broken#1", "open#2", "locked#2", "broken#2");
        assertThat(run.probes()).filteredOn(line -> line.path("id").asText().equals("broken"))
                .allSatisfy(line -> assertThat(line.path("outcome").asText()).isEqualTo("http_error"));
        assertThat(run.probes()).filteredOn(line -> !line.path("id").asText().equals("broken"))
                .allSatisfy(line -> assertThat(line.path("outcome").asText()).isEqualTo("ok"));

        JsonNode summary = run.summary();
        assertThat(summary.path("endpoints").asInt()).isEqualTo(3);
        assertThat(summary.path("byOutcome").path("ok").asInt()).isEqualTo(4);
        assertThat(summary.path("byOutcome").path("http_error").asInt()).isEqualTo(2);
        assertThat(summary.path("perRound")).hasSize(2).allSatisfy(round -> {
            assertThat(round.path("wallMs").asLong()).isPositive();
            assertThat(round.path("cpuMsPerProbe").asDouble()).isPositive();
            assertThat(round.path("byOutcome").path("ok").asInt()).isEqualTo(2);
        });
        // An http error anywhere fails the gate with that family's code.
        assertThat(run.exitCode()).isEqualTo(6);
    }

    @Test
    void aFleetThatIsAllOkExitsZeroAndAMissingSecretExitsWithTheAuthCode(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, "- {id: open, url: '" + CliFleet.url("modern-only") + "'}\n"
                + "- {id: locked, url: '" + CliFleet.url("bearer") + "', auth: {type: bearer, secret: team/locked-token}}\n");

        Run ok = run(Map.of("MCPULSE_SECRET_TEAM_LOCKED_TOKEN", CliFleet.TOKEN), "--fleet", fleet.toString(), "--all");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.summary().path("byOutcome").path("ok").asInt()).isEqualTo(2);
        assertThat(ok.summary().path("concurrency").asInt()).isEqualTo(FleetEntryArguments.DEFAULT_CONCURRENCY);

        Run missing = run(Map.of(), "--fleet", fleet.toString(), "--all");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.probes()).filteredOn(line -> line.path("id").asText().equals("locked")).singleElement()
                .satisfies(line -> assertThat(line.path("outcome").asText()).isEqualTo("auth_missing"));
    }

    @Test
    void badFleetOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, "- {id: one, url: 'http://127.0.0.1:9/mcp'}\n");
        for (List<String> args : List.of(
                List.of("--fleet", fleet.toString(), "--all", "--id", "one"),
                List.of("--fleet", fleet.toString(), "--all", "--concurrency", "0"),
                List.of("--fleet", fleet.toString(), "--all", "--repeat", "many"),
                List.of("--fleet", fleet.toString(), "--id", "one", "--repeat", "2"),
                List.of("--fleet", fleet.toString()))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new ProbeCommand(Map.<String, String>of()::get, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).startsWith("mcpulse-probe: ")
                    .doesNotContain("Exception");
        }
    }
}
