package dev.mcpulse.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemplateDefaultsTest {

    static final Path ROOT = Path.of("..");

    @Test
    void readsTheTemplatesParameterDefaults() throws Exception {
        String template = Files.readString(ROOT.resolve("sam-template.yaml"));
        assertThat(TemplateDefaults.parameter(template, "ShardSize")).isPositive();
        assertThat(TemplateDefaults.parameter(template, "ProbeMaxConcurrency")).isBetween(2, 1000);
        assertThatThrownBy(() -> TemplateDefaults.parameter(template, "NoSuchParameter"))
                .hasMessage("sam-template.yaml has no numeric default for the parameter NoSuchParameter");
    }

    @Test
    void readsEveryPollingConstantOfTheDashboard() throws Exception {
        String script = Files.readString(ROOT.resolve("functions/api/src/main/resources/dashboard/app.js"))
                + Files.readString(ROOT.resolve("functions/api/src/main/resources/dashboard/fleet-list.js"));
        assertThat(TemplateDefaults.dashboard(script)).containsKeys("PAGE_SIZE", "REFRESH_MS",
                "SPARK_CONCURRENCY", "history").containsEntry("chartAsksAfter", "true");
        assertThatThrownBy(() -> TemplateDefaults.dashboard("const PAGE_SIZE = 250;"))
                .hasMessage("the dashboard script defines no numeric constant REFRESH_MS");
    }
}
