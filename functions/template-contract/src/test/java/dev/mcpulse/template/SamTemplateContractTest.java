package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;
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
 * code calls is allowed by that function's policies and nothing else is granted, every MCPULSE_ variable set is read,
 * and the table is the one defined in infra/.
 */
class SamTemplateContractTest {

    /**
     * Properties the code reads that a deployment need not set: each has a sensible default, or exists only for
     * the local runner and tests. A new property must be set by the template or listed here, on purpose.
     */
    static final Map<String, String> OPTIONAL_PROPERTIES = Map.ofEntries(
            Map.entry("mcpulse.local.mode", "only the local runner allows http and loopback"),
            Map.entry("mcpulse.probe.max-in-flight", "defaults to 32 probes per processor of the container"),
            Map.entry("mcpulse.admin.token", "local runner only; on AWS callers present the issuer's tokens"),
            Map.entry("mcpulse.auth.oidc.jwks-uri", "found in the issuer's discovery document"),
            Map.entry("mcpulse.auth.groups-claim", "defaults to cognito:groups"),
            Map.entry("mcpulse.sqs.endpoint", "endpoint override for tests"),
            Map.entry("mcpulse.sqs.region", "defaults to the function's AWS_REGION"),
            Map.entry("mcpulse.sqs.max-attempts", "retry tuning with defaults"),
            Map.entry("mcpulse.sqs.retry-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.sqs.throttling-base-delay", "retry tuning with defaults"),
            Map.entry("mcpulse.sqs.max-backoff", "retry tuning with defaults"),
            Map.entry("mcpulse.sqs.attempt-timeout", "retry tuning with defaults"),
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
            Map.entry("mcpulse.metrics.function-name", "defaults to AWS_LAMBDA_FUNCTION_NAME, which Lambda sets; tests set it"),
            Map.entry("mcpulse.secrets.source", "defaults to aws (Secrets Manager and Parameter Store); local is the local runner's"),
            Map.entry("mcpulse.secrets.file", "the local runner's secrets file"),
            Map.entry("mcpulse.secrets.endpoint", "endpoint override for tests"),
            Map.entry("mcpulse.secrets.parameter-store-endpoint", "Parameter Store endpoint override for tests"),
            Map.entry("mcpulse.secrets.region", "defaults to the function's AWS_REGION"),
            Map.entry("mcpulse.secrets.cache-ttl", "defaults to 1 h (SecretsConfiguration.DEFAULT_CACHE_TTL)"),
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

    /**
     * Services whose grants the jar cannot show, so the rule "every granted action is one the jar calls" leaves them
     * out. Everything else a policy grants must be an operation of an SDK client the function's jar calls.
     */
    static final Map<String, String> GRANTS_NOT_IN_THE_JAR = Map.of(
            "kms", "Secrets Manager calls kms:Decrypt on the function's behalf (kms:ViaService); the jar has no KMS client",
            "logs", "the Lambda runtime writes the function's logs",
            "xray", "the Lambda runtime sends the traces (Tracing: Active)",
            "cloudwatch", "metrics are written as log lines (EMF), not by an SDK call");

    static SamTemplate sam;
    static Path root;

    @BeforeAll
    static void load() {
        sam = SamTemplate.load();
        root = sam.root();
    }

    static Stream<String> functions() {
        load();
        return sam.ofType("AWS::Serverless::Function").stream();
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

    @ParameterizedTest
    @MethodSource("functions")
    void everyActionItsPoliciesGrantIsAnOperationTheCodeCalls(String function) {
        Set<String> calls = jarOf(function).awsActions();
        List<String> unknown = list(properties(function).get("Policies")).stream()
                .filter(p -> !(p instanceof Map<?, ?> m && (m.containsKey("Statement") || POLICY_TEMPLATES.keySet()
                        .containsAll(m.keySet()))))
                .map(String::valueOf)
                .toList();

        assertThat(unknown).as("policies of %s whose actions this test cannot list (managed policies, policy templates"
                + " missing from POLICY_TEMPLATES)", function).isEmpty();
        assertThat(allowedActions(function)).as("actions the policies of %s grant", function)
                .filteredOn(action -> !GRANTS_NOT_IN_THE_JAR.containsKey(action.split(":", 2)[0]))
                .allSatisfy(action -> assertThat(calls).as("operations the jar of %s calls", function).contains(action));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void theTableActionsAreGrantedOnTheTableOnly(String function) {
        List<Map<String, Object>> table = statements(function).stream()
                .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();

        assertThat(table).as("DynamoDB statements of %s", function).isNotEmpty().allSatisfy(statement -> {
            assertThat(actions(statement)).allMatch(a -> a.startsWith("dynamodb:"));
            assertThat(list(statement.get("Resource"))).containsExactly(Map.of("Fn::GetAtt", List.of("Table", "Arn")));
        });
    }

    /**
     * Secrets and parameters under a customer-managed key need kms:Decrypt on it: granted only when SecretsKmsKeyArn
     * is set, only on that key, only through Secrets Manager or Parameter Store in this region (one statement each),
     * and only to the functions that read secrets.
     */
    @ParameterizedTest
    @MethodSource("functions")
    void secretsUnderACustomerKeyAreDecryptedThroughTheirStoreOnly(String function) {
        boolean readsSecrets = jarOf(function).awsActions().contains("secretsmanager:GetSecretValue");
        List<Map<String, Object>> conditional = conditionalStatements(function);
        List<Map<String, Object>> kms = statements(function).stream()
                .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("kms:"))).toList();

        if (!readsSecrets) {
            assertThat(kms).as("KMS grants of %s, which reads no secret", function).isEmpty();
            return;
        }
        assertThat(kms).as("KMS statements of %s", function).hasSize(2);
        String key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        for (Map<String, Object> statement : kms) {
            List<?> branches = conditional.stream()
                    .map(c -> list(c.get("Fn::If")))
                    .filter(b -> b.get(1).equals(statement))
                    .findFirst().orElseThrow(() -> new AssertionError("a KMS statement of " + function
                            + " is not inside !If [<condition>, <statement>, !Ref AWS::NoValue]"));
            String condition = (String) branches.get(0);

            assertThat(branches.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
            assertThat(new Intrinsics(sam, Map.of()).condition(condition)).as("granted with no key").isFalse();
            assertThat(new Intrinsics(sam, Map.of("SecretsKmsKeyArn", key)).condition(condition)).as("granted with a key")
                    .isTrue();
            assertThat(actions(statement)).containsExactly("kms:Decrypt");
            assertThat(statement.get("Resource")).isEqualTo(Map.of("Ref", "SecretsKmsKeyArn"));
        }
        assertThat(kms).extracting(s -> map(map(s.get("Condition")).get("StringEquals")).get("kms:ViaService"))
                .containsExactlyInAnyOrder(Map.of("Fn::Sub", "secretsmanager.${AWS::Region}.amazonaws.com"),
                        Map.of("Fn::Sub", "ssm.${AWS::Region}.amazonaws.com"));
    }

    /** The reverse of everyPropertyTheCodeReadsIsSetByTheTemplate: no variable is set that the code ignores. */
    @ParameterizedTest
    @MethodSource("functions")
    void everyMcpulseVariableTheTemplateSetsIsReadByTheCode(String function) {
        Set<String> read = new TreeSet<>();
        jarOf(function).properties().forEach(p -> read.add(FunctionJar.environmentVariable(p)));

        assertThat(environment(function).keySet()).as("MCPULSE_ variables the template sets for %s", function)
                .filteredOn(v -> v.startsWith("MCPULSE_"))
                .allSatisfy(variable -> assertThat(read).as("variables the jar of %s reads", function).contains(variable));
    }

    @Test
    void theProbeFunctionReadsOnlySecretsAndParametersUnderThePrefix() {
        List<Map<String, Object>> statements = statements("ProbeFunction");
        Map<String, Object> secrets = statements.stream()
                .filter(s -> actions(s).contains("secretsmanager:GetSecretValue")).findFirst().orElseThrow();
        Map<String, Object> parameters = statements.stream()
                .filter(s -> actions(s).contains("ssm:GetParameters")).findFirst().orElseThrow();

        assertThat(secrets.get("Resource").toString()).contains("secret:${SecretsPrefix}*");
        assertThat(actions(parameters)).containsExactlyInAnyOrder("ssm:GetParameter", "ssm:GetParameters");
        assertThat(parameters.get("Resource").toString()).contains("parameter/${SecretsPrefix}*");
    }

    /**
     * Nothing is granted on every resource but BatchGetSecretValue, which has no resource type; and a function granted
     * it reads only the secrets its GetSecretValue grant names (Secrets Manager requires that grant for each secret
     * of a batch), which is on the prefix alone.
     */
    @ParameterizedTest
    @MethodSource("functions")
    void onlyBatchGetSecretValueIsGrantedOnEveryResourceAndGetSecretValueStillScopesIt(String function) {
        List<Map<String, Object>> everywhere = statements(function).stream()
                .filter(s -> list(s.get("Resource")).contains("*")).toList();

        assertThat(everywhere).as("statements of %s on Resource '*'", function)
                .allSatisfy(s -> assertThat(actions(s)).containsExactly("secretsmanager:BatchGetSecretValue"));
        if (!everywhere.isEmpty()) {
            assertThat(statements(function)).as("GetSecretValue statements of %s", function)
                    .filteredOn(s -> actions(s).contains("secretsmanager:GetSecretValue"))
                    .singleElement().satisfies(s -> assertThat(s.get("Resource").toString())
                            .contains("secret:${SecretsPrefix}*"));
        }
    }

    /** The probe function is invoked by its queue's event source mapping only; only the scheduler sends shards. */
    @Test
    void onlyTheSchedulerMaySendShardsToTheProbeQueue() throws IOException {
        List<String> senders = functions().filter(f -> allowedActions(f).contains("sqs:SendMessage")).toList();

        assertThat(senders).containsExactly("SchedulerFunction");
        assertThat(statements("SchedulerFunction")).filteredOn(s -> actions(s).contains("sqs:SendMessage"))
                .singleElement().satisfies(s -> assertThat(s.get("Resource"))
                        .isEqualTo(Map.of("Fn::GetAtt", List.of("ProbeQueue", "Arn"))));
        assertThat(functions().filter(f -> allowedActions(f).contains("lambda:InvokeFunction"))).isEmpty();
    }

    /** Routes the api function serves that its OpenAPI document leaves out on purpose: the page, its files, its sign-in settings. */
    static final Set<String> UNDOCUMENTED_ROUTES = Set.of("GET /", "GET /assets/{name}", "GET /api/openapi.yml",
            "GET /api/auth/config");

    @Test
    @SuppressWarnings("unchecked")
    void everyApiRouteIsDeclaredAndOnlyAdminRoutesNeedTheAdminScope() throws IOException {
        Map<String, Boolean> served = new TreeMap<>(); // "METHOD /path" -> needs admin
        UNDOCUMENTED_ROUTES.forEach(route -> served.put(route, false));
        Path jar = root.resolve((String) properties("ApiFunction").get("CodeUri"));
        try (JarFile file = new JarFile(jar.toFile())) {
            Map<String, Object> openApi = (Map<String, Object>) new Yaml().load(
                    file.getInputStream(file.getEntry("openapi/mcpulse-api.yml")));
            map(openApi.get("paths")).forEach((path, operations) -> map(operations).forEach((method, operation) ->
                    served.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path,
                            map(operation).containsKey("security"))));
        }
        Map<String, Boolean> declared = new TreeMap<>();
        sam.ofType("AWS::ApiGatewayV2::Route").forEach(id -> {
            Map<String, Object> route = properties(id);
            declared.put((String) route.get("RouteKey"),
                    !list(route.getOrDefault("AuthorizationScopes", List.of())).isEmpty());
        });

        assertThat(declared).as("HttpApi routes (true: a scope, the admin scope, is required)").isEqualTo(served);
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

    /** Every statement a function may get: both branches of a conditional one. */
    List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> statement : rawStatements(function)) {
            if (statement.containsKey("Fn::If")) {
                list(statement.get("Fn::If")).subList(1, 3).stream()
                        .filter(branch -> !Map.of("Ref", "AWS::NoValue").equals(branch))
                        .forEach(branch -> statements.add(map(branch)));
            } else {
                statements.add(statement);
            }
        }
        return statements;
    }

    /** The statements written as {@code !If [condition, statement, other]}. */
    List<Map<String, Object>> conditionalStatements(String function) {
        return rawStatements(function).stream().filter(s -> s.containsKey("Fn::If")).toList();
    }

    List<Map<String, Object>> rawStatements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(properties(function).get("Policies"))) {
            if (policy instanceof Map<?, ?> m && m.get("Statement") != null) {
                list(m.get("Statement")).forEach(s -> statements.add(map(s)));
            }
        }
        return statements;
    }

    static List<String> actions(Map<String, Object> statement) {
        return list(statement.get("Action")).stream().map(String::valueOf).toList();
    }

    Map<String, Object> environment(String function) {
        return sam.environment(function);
    }

    static Map<String, Object> properties(String resource) {
        return sam.properties(resource);
    }
}
