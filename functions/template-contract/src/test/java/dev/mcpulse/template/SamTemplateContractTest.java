package dev.mcpulse.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * sam-template.yaml is checked against what was actually built: every handler exists in the jar its CodeUri
 * names, every configuration property the code reads is set (or deliberately optional), every AWS operation the
 * code calls is allowed by that function's policies, and the table is the one defined in infra/.
 */
class SamTemplateContractTest {

    /**
     * Properties the code reads that a deployment need not set: each has a sensible default, or exists only for
     * the local runner and tests. A new property must be set by the template or listed here, on purpose.
     */
    static final Map<String, String> OPTIONAL_PROPERTIES = Map.ofEntries(
            Map.entry("mcpulse.local.mode", "only the local runner allows http and loopback"),
            Map.entry("mcpulse.admin.token", "local runner only; on AWS the admin routes use IAM auth"),
            Map.entry("mcpulse.lambda.endpoint", "endpoint override for tests"),
            Map.entry("mcpulse.lambda.region", "defaults to the function's AWS_REGION"),
            Map.entry("mcpulse.lambda.max-attempts", "retry tuning with defaults"),
            Map.entry("mcpulse.lambda.retry-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.lambda.throttling-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.lambda.max-backoff", "retry tuning with defaults"),
            Map.entry("mcpulse.lambda.attempt-timeout", "retry tuning with defaults"),
            Map.entry("mcpulse.eventbridge.endpoint", "endpoint override for tests"),
            Map.entry("mcpulse.eventbridge.region", "defaults to the function's AWS_REGION"),
            Map.entry("mcpulse.eventbridge.max-attempts", "retry tuning with defaults"),
            Map.entry("mcpulse.eventbridge.retry-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.eventbridge.throttling-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.eventbridge.max-backoff", "retry tuning with defaults"),
            Map.entry("mcpulse.eventbridge.attempt-timeout", "retry tuning with defaults"),
            Map.entry("mcpulse.storage.dynamodb.endpoint", "endpoint override for emulators"),
            Map.entry("mcpulse.storage.dynamodb.region", "defaults to the function's AWS_REGION"),
            Map.entry("mcpulse.storage.dynamodb.history-ttl", "defaults to 7 days"),
            Map.entry("mcpulse.storage.dynamodb.max-attempts", "retry tuning with defaults"),
            Map.entry("mcpulse.storage.dynamodb.retry-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.storage.dynamodb.throttling-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.storage.dynamodb.max-backoff", "retry tuning with defaults"),
            Map.entry("mcpulse.storage.dynamodb.attempt-timeout", "retry tuning with defaults"),
            Map.entry("mcpulse.secrets.source", "defaults to aws (Secrets Manager); local is the local runner's"),
            Map.entry("mcpulse.secrets.file", "the local runner's secrets file"),
            Map.entry("mcpulse.secrets.endpoint", "endpoint override for tests"),
            Map.entry("mcpulse.secrets.region", "defaults to the function's AWS_REGION"),
            Map.entry("mcpulse.secrets.cache-ttl", "defaults to 60 s, below any probe interval"),
            Map.entry("mcpulse.secrets.max-attempts", "retry tuning with defaults"),
            Map.entry("mcpulse.secrets.retry-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.secrets.throttling-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.secrets.max-backoff", "retry tuning with defaults"),
            Map.entry("mcpulse.secrets.attempt-timeout", "retry tuning with defaults"));

    /** The actions each SAM policy template grants (as the SAM policy template definitions list them). */
    static final Map<String, Set<String>> POLICY_TEMPLATES = Map.of(
            "DynamoDBCrudPolicy", Set.of("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan",
                    "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem",
                    "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"),
            "DynamoDBReadPolicy", Set.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem",
                    "dynamodb:DescribeTable"),
            "LambdaInvokePolicy", Set.of("lambda:InvokeFunction"));

    static Path root;
    static Map<String, Object> template;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("sam-template.yaml"))) {
            dir = dir.getParent();
        }
        root = dir;
        template = CloudFormationYaml.load(Files.readString(root.resolve("sam-template.yaml")));
    }

    static Stream<String> functions() throws IOException {
        load();
        return resources().entrySet().stream()
                .filter(e -> "AWS::Serverless::Function".equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void theHandlerIsInTheJarItsCodeUriNames(String function) {
        FunctionJar jar = jarOf(function);

        assertThat(jar.classes()).contains((String) properties(function).get("Handler"));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyPropertyTheCodeReadsIsSetByTheTemplate(String function) {
        Set<String> set = environment(function).keySet();
        List<String> missing = new ArrayList<>();
        Set<String> read = jarOf(function).properties();
        for (String property : read) {
            boolean isPrefix = read.stream().anyMatch(other -> other.startsWith(property + "."));
            String variable = FunctionJar.environmentVariable(property);
            if (isPrefix) {
                continue; // a @ConfigurationProperties prefix, not a property
            }
            if (!set.contains(variable) && !OPTIONAL_PROPERTIES.containsKey(property)) {
                missing.add(property + " (" + variable + ")");
            }
        }

        assertThat(missing).as("properties %s reads but the template does not set", function).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyAwsOperationTheCodeCallsIsAllowedByItsPolicies(String function) {
        Set<String> allowed = allowedActions(function);

        assertThat(jarOf(function).awsActions()).as("AWS operations %s calls", function)
                .allSatisfy(action -> assertThat(allowed).as("policies of " + function).contains(action));
    }

    @Test
    void theProbeFunctionReadsOnlySecretsUnderThePrefix() {
        List<Map<String, Object>> statements = statements("ProbeFunction");
        Map<String, Object> secrets = statements.stream()
                .filter(s -> actions(s).contains("secretsmanager:GetSecretValue")).findFirst().orElseThrow();

        assertThat(secrets.get("Resource").toString()).contains("secret:${SecretsPrefix}*");
    }

    @Test
    void onlyTheSchedulerMayInvokeTheProbeFunction() throws IOException {
        List<String> invokers = functions().filter(f -> allowedActions(f).contains("lambda:InvokeFunction")).toList();

        assertThat(invokers).containsExactly("SchedulerFunction");
    }

    /** Routes the api function serves that its OpenAPI document leaves out on purpose: the page and its files. */
    static final Set<String> UNDOCUMENTED_ROUTES = Set.of("GET /", "GET /assets/{name}", "GET /api/openapi.yml");

    @Test
    @SuppressWarnings("unchecked")
    void everyApiRouteIsDeclaredAndOnlyAdminRoutesNeedIam() throws IOException {
        Map<String, Boolean> served = new TreeMap<>(); // "METHOD /path" -> needs admin
        UNDOCUMENTED_ROUTES.forEach(route -> served.put(route, false));
        Path jar = root.resolve((String) properties("ApiFunction").get("CodeUri"));
        try (JarFile file = new JarFile(jar.toFile())) {
            Map<String, Object> openApi = (Map<String, Object>) new Yaml().load(
                    file.getInputStream(file.getEntry("META-INF/swagger/mcpulse-api.yml")));
            map(openApi.get("paths")).forEach((path, operations) -> map(operations).forEach((method, operation) ->
                    served.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path,
                            map(operation).containsKey("security"))));
        }
        Map<String, Boolean> declared = new TreeMap<>();
        map(properties("ApiFunction").get("Events")).values().forEach(event -> {
            Map<String, Object> route = map(map(event).get("Properties"));
            declared.put(route.get("Method") + " " + route.get("Path"),
                    "AWS_IAM".equals(map(route.get("Auth")).get("Authorizer")));
        });

        assertThat(declared).as("HttpApi routes of ApiFunction (true: IAM auth)").isEqualTo(served);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTableIsTheOneDefinedInInfra() throws IOException {
        Map<String, Object> defined = (Map<String, Object>) new Yaml().load(
                Files.readString(root.resolve("infra/table/mcpulse-table.json")));
        Map<String, Object> table = properties("Table");

        for (String key : defined.keySet()) {
            assertThat(table.get(key)).as("Table property %s", key).isEqualTo(defined.get(key));
        }
    }

    FunctionJar jarOf(String function) {
        Path jar = root.resolve((String) properties(function).get("CodeUri"));
        assertThat(jar).as("the artifact of %s (built by ./mvnw package)", function).exists();
        return JARS.computeIfAbsent(jar, FunctionJar::read);
    }

    static final Map<Path, FunctionJar> JARS = new HashMap<>();

    Set<String> allowedActions(String function) {
        Set<String> allowed = new TreeSet<>();
        for (Object policy : list(properties(function).get("Policies"))) {
            if (policy instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> allowed.addAll(POLICY_TEMPLATES.getOrDefault(k, Set.of())));
            }
        }
        statements(function).forEach(s -> allowed.addAll(actions(s)));
        return allowed;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(properties(function).get("Policies"))) {
            if (policy instanceof Map<?, ?> m && m.get("Statement") != null) {
                list(m.get("Statement")).forEach(s -> statements.add((Map<String, Object>) s));
            }
        }
        return statements;
    }

    static List<String> actions(Map<String, Object> statement) {
        return list(statement.get("Action")).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> environment(String function) {
        Map<String, Object> variables = new HashMap<>();
        Map<String, Object> globals = map(map(map(template.get("Globals")).get("Function")).get("Environment"));
        variables.putAll(map(globals.get("Variables")));
        variables.putAll(map(map(properties(function).get("Environment")).get("Variables")));
        return variables;
    }

    static Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    static Map<String, Object> properties(String resource) {
        return map(map(resources().get(resource)).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    static List<?> list(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? l : List.of(value);
    }
}
