package dev.mcpulse.bench.cold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamFunctionTest {

    static final String TEMPLATE = """
            Parameters:
              ShardSize:
                Type: Number
                Default: 25
              NoDefault:
                Type: String
            Globals:
              Function:
                MemorySize: 1024
                Timeout: 30
                Environment:
                  Variables:
                    TABLE: !Ref Table
                    SHARD: !Ref ShardSize
                    JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              Scheduler:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/scheduler/target/s.jar
                  Handler: dev.example.SchedulerHandler
                  MemorySize: 512
                  Environment:
                    Variables:
                      PROBE: !Ref Probe.Alias
                      SHARD: '10'
              Probe:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: p.jar
                  Handler: dev.example.ProbeHandler
                  Timeout: 120
                  Environment:
                    Variables:
                      ARN: !Sub arn:${AWS::Partition}:x
              Broken:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: b.jar
                  Handler: dev.example.Broken
                  Environment:
                    Variables:
                      BAD: !Ref NoDefault
            """;

    static String resources(String ref) {
        return switch (ref) {
            case "Table" -> "bench-table";
            case "Probe.Alias" -> "probe:live";
            default -> null;
        };
    }

    @Test
    void theFunctionsOwnSettingsOverlayTheGlobalsAndEveryRefIsResolved() {
        SamFunction scheduler = SamFunction.read(TEMPLATE, "Scheduler", SamFunctionTest::resources);

        assertThat(scheduler.handler()).isEqualTo("dev.example.SchedulerHandler");
        assertThat(scheduler.codeUri()).isEqualTo("functions/scheduler/target/s.jar");
        assertThat(scheduler.memoryMb()).isEqualTo(512);
        assertThat(scheduler.timeoutSeconds()).isEqualTo(30);
        assertThat(scheduler.environment()).isEqualTo(Map.of("TABLE", "bench-table", "SHARD", "10",
                "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1", "PROBE", "probe:live"));
    }

    @Test
    void aParameterResolvesToItsDefault() {
        SamFunction probe = SamFunction.read(TEMPLATE.replace("ARN: !Sub arn:${AWS::Partition}:x", "OTHER: plain"),
                "Probe", SamFunctionTest::resources);

        assertThat(probe.environment()).containsEntry("SHARD", "25").containsEntry("OTHER", "plain");
        assertThat(probe.memoryMb()).isEqualTo(1024);
        assertThat(probe.timeoutSeconds()).isEqualTo(120);
    }

    @Test
    void whatCannotBeResolvedIsNamed() {
        assertThatThrownBy(() -> SamFunction.read(TEMPLATE, "Probe", SamFunctionTest::resources))
                .hasMessageContaining("ARN").hasMessageContaining("Sub");
        assertThatThrownBy(() -> SamFunction.read(TEMPLATE, "Broken", SamFunctionTest::resources))
                .hasMessageContaining("BAD refers to parameter NoDefault, which has no default");
        assertThatThrownBy(() -> SamFunction.read(TEMPLATE, "Scheduler", ref -> null))
                .hasMessageContaining("TABLE refers to Table");
        assertThatThrownBy(() -> SamFunction.read(TEMPLATE, "Missing", SamFunctionTest::resources))
                .hasMessageContaining("Missing.Handler is missing");
    }

    @Test
    void theRepositorysTemplateReadsForEveryFunction() throws IOException {
        String template = Files.readString(Path.of("../sam-template.yaml"));
        for (String function : new String[] {"SchedulerFunction", "ProbeFunction", "ApiFunction"}) {
            SamFunction read = SamFunction.read(template, function, ref -> ref.equals("Table") ? "t" : "probe:live");

            assertThat(read.environment()).containsEntry("MCPULSE_STORAGE_DYNAMODB_TABLE_NAME", "t")
                    .containsKey("JAVA_TOOL_OPTIONS")
                    // !FindInMap [ProbeInterval, !Ref ProbeIntervalMinutes, Seconds] at the default of 5 minutes
                    .containsEntry("MCPULSE_PROBE_INTERVAL_SECONDS", "300");
            assertThat(Path.of("..", read.codeUri()).normalize().toString()).endsWith(".jar");
        }
    }
}
