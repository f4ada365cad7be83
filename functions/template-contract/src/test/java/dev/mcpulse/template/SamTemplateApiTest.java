package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;
import static dev.mcpulse.template.SamTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API: its access log, its throttling, the stage it serves, and the retention of every log group. */
class SamTemplateApiTest {

    /** The fields an operator reads first when a request went wrong. */
    static final List<String> ACCESS_LOG_FIELDS = List.of(
            "requestId", "ip", "routeKey", "status", "responseLength", "integrationError");
    /** API Gateway context variables only: no header, query string or body can reach the access log. */
    static final Pattern CONTEXT_VARIABLE = Pattern.compile("\\$context\\.[A-Za-z]+(\\.[A-Za-z]+)*");
    static final Pattern ROOT_PATH_LINK = Pattern.compile("(href|src)=\"/");

    static SamTemplate sam;

    @BeforeAll
    static void load() {
        sam = SamTemplate.load();
    }

    /** The HTTP API's one stage, which carries its access log and throttling. */
    static Map<String, Object> httpApi() {
        assertThat(sam.ofType("AWS::ApiGatewayV2::Api")).containsExactly("HttpApi");
        List<String> stages = sam.ofType("AWS::ApiGatewayV2::Stage");
        assertThat(stages).hasSize(1);
        assertThat(sam.properties(stages.get(0)).get("ApiId")).isEqualTo(ref("HttpApi"));
        return sam.properties(stages.get(0));
    }

    @Test
    void theAccessLogIsOneJsonObjectOfContextVariablesPerRequest() throws IOException {
        String format = (String) map(httpApi().get("AccessLogSettings")).get("Format");
        assertThat(format).as("AccessLogSettings.Format").isNotNull();

        JsonNode line = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(format);

        assertThat(line.isObject()).as("the format is a JSON object: %s", format).isTrue();
        List<String> fields = new ArrayList<>();
        line.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsAll(ACCESS_LOG_FIELDS);
        line.properties().forEach(field -> assertThat(field.getValue().isTextual() && CONTEXT_VARIABLE.matcher(
                field.getValue().textValue()).matches()).as("%s is a quoted $context variable", field).isTrue());
    }

    @Test
    void theAccessLogGoesToALogGroupThatExpires() {
        Object destination = map(httpApi().get("AccessLogSettings")).get("DestinationArn");
        assertThat(destination).isInstanceOf(Map.class);
        List<Object> getAtt = list(map(destination).get("Fn::GetAtt"));

        assertThat(getAtt).as("DestinationArn: !GetAtt <LogGroup>.Arn").hasSize(2).endsWith("Arn");
        assertThat(sam.ofType("AWS::Logs::LogGroup")).contains((String) getAtt.get(0));
    }

    @Test
    void everyLogGroupKeepsItsLogsForTheConfiguredRetentionOnly() {
        List<String> groups = sam.ofType("AWS::Logs::LogGroup");

        assertThat(groups).isNotEmpty().allSatisfy(group ->
                assertThat(sam.properties(group).get("RetentionInDays")).as("%s RetentionInDays", group)
                        .isEqualTo(ref("LogRetentionDays")));
        assertThat(sam.ofType("AWS::Serverless::Function")).allSatisfy(function ->
                assertThat(groups).as("the log group of %s", function).anySatisfy(group ->
                        assertThat(sam.properties(group).get("LogGroupName"))
                                .isEqualTo(Map.of("Fn::Sub", "/aws/lambda/${" + function + "}"))));
    }

    @Test
    void everyRouteIsThrottledByParametersWithSaneDefaults() {
        Map<String, Object> settings = map(httpApi().get("DefaultRouteSettings"));
        Intrinsics defaults = new Intrinsics(sam, Map.of());

        double rate = Double.parseDouble(String.valueOf(defaults.resolve(settings.get("ThrottlingRateLimit"))));
        double burst = Double.parseDouble(String.valueOf(defaults.resolve(settings.get("ThrottlingBurstLimit"))));

        assertThat(defaults.parametersRead()).as("parameters the throttling reads").hasSize(2);
        assertThat(rate).as("default requests per second").isBetween(1.0, 1000.0);
        assertThat(burst).as("default burst").isGreaterThanOrEqualTo(rate).isLessThanOrEqualTo(5000.0);
    }

    /**
     * The Stage parameter tags the functions; it does not name the API stage. The dashboard links its files and the
     * API its Location headers by root paths, which a named stage ("/prod/...") would break: so the $default stage.
     */
    @Test
    void theApiServesItsDefaultStageWhileTheDashboardLinksRootPaths() throws IOException {
        Path jar = sam.root().resolve((String) sam.properties("ApiFunction").get("CodeUri"));
        String page;
        try (JarFile file = new JarFile(jar.toFile())) {
            page = new String(file.getInputStream(file.getEntry("dashboard/index.html")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }

        if (ROOT_PATH_LINK.matcher(page).find()) {
            assertThat(httpApi().get("StageName")).as("HttpApi StageName").isEqualTo("$default");
        }
        assertThat(map(map(map(sam.template().get("Globals")).get("Function")).get("Tags")))
                .as("the Stage parameter tags every function").containsEntry("stage", ref("Stage"));
    }
}
