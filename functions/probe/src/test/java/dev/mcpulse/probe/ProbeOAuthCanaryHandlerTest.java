package dev.mcpulse.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcp.AuthorizationServer;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.OAuthProtection;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.CanaryWalk;
import dev.mcpulse.testsupport.EventBridgeStandIn;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The canary walk (DESIGN section 7) for OAuth client credentials, through the real probe handler: a real
 * authorization server ({@link AuthorizationServer}, mock-oauth2-server with client authentication) and MCP Java SDK
 * servers that accept only the tokens it issues. The client secret is a canary; the PEM private key of a
 * {@code private_key_jwt} client is another; every access token the authorization server issued is a third kind.
 * After two cycles (the second reuses the cached tokens), the shard summaries, the status-change events sent to
 * EventBridge, every item stored in DynamoDB and every log line are walked for each of them: 0 occurrences.
 */
class ProbeOAuthCanaryHandlerTest {

    static final String CLIENT_SECRET = "canary-oauth-secret-7e2b9d4f1a3c5e8b";
    static final String CLIENT = "probe-client";
    static final String JWT_CLIENT = "probe-jwt-client";
    static final String SCOPE = "mcp:tools";

    @TempDir
    static Path secretsDir;
    static final List<RunningServer> servers = new ArrayList<>();
    static final Map<String, String> outcomes = new LinkedHashMap<>();
    static AuthorizationServer as;
    static String pem;
    static EmbeddedDynamoDb dynamoDb;
    static EventBridgeStandIn eventBridge;
    static ApplicationContext context;
    static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        as = new AuthorizationServer();
        as.register(CLIENT, CLIENT_SECRET);
        as.register(JWT_CLIENT, keys.getPublic());

        dynamoDb = EmbeddedDynamoDb.inMemory();
        eventBridge = new EventBridgeStandIn();
        Path secrets = secretsDir.resolve("secrets.yaml");
        // JSON strings are YAML: the PEM's line breaks survive as \n escapes.
        Files.writeString(secrets, "mcpulse/test/oauth-client: " + CLIENT_SECRET + "\n"
                + "mcpulse/test/oauth-key: \"" + pem.replace("\n", "\\n") + "\"\n"
                + "mcpulse/test/oauth-revoked: " + CLIENT_SECRET + "-rotated-away\n");
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.local.mode", "true",
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.secrets.source", "local",
                        "mcpulse.secrets.file", secrets.toString(),
                        "mcpulse.event.bus.name", "mcpulse-test-bus",
                        "mcpulse.eventbridge.endpoint", eventBridge.url().toString()))
                .singletons(dynamoDb.client())
                .start();
        register("oauth-basic", "ok", protectedServer(SCOPE), Map.of("clientId", CLIENT, "secret", "mcpulse/test/oauth-client"));
        register("oauth-post", "ok", protectedServer(SCOPE), Map.of("clientId", CLIENT, "secret", "mcpulse/test/oauth-client",
                "tokenEndpointAuth", "client_secret_post"));
        register("oauth-jwt", "ok", protectedServer(SCOPE), Map.of("clientId", JWT_CLIENT, "secret", "mcpulse/test/oauth-key",
                "tokenEndpointAuth", "private_key_jwt"));
        register("oauth-refused", "auth_server_refused", protectedServer(SCOPE),
                Map.of("clientId", CLIENT, "secret", "mcpulse/test/oauth-revoked", "tokenEndpointAuth", "client_secret_post"));
        as.withhold("mcp:admin");
        register("oauth-scope", "auth_insufficient_scope", protectedServer(SCOPE + " mcp:admin"),
                Map.of("clientId", CLIENT, "secret", "mcpulse/test/oauth-client"));
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamoDb.close();
        eventBridge.close();
        logs.close();
        servers.forEach(RunningServer::close);
        as.close();
    }

    @Test
    void noSummaryEventStoredItemOrLogLineHoldsTheClientSecretThePrivateKeyOrAnIssuedToken() throws IOException {
        JsonMapper json = context.getBean(JsonMapper.class);
        List<String> summaries = new ArrayList<>();
        for (int cycle = 0; cycle < 2; cycle++) {
            ShardRequest shard = new ShardRequest(Instant.now().toString(), 0, List.copyOf(outcomes.keySet()), 0);
            ShardSummary summary = new ProbeHandler(context).probe(shard);
            summaries.add(json.writeValueAsString(summary));
        }
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        outcomes.forEach((id, outcome) -> assertThat(snapshots.latest(new EndpointId(id)).map(HealthSnapshot::outcome)
                .map(kind -> kind.code())).as(id).contains(outcome));
        assertThat(snapshots.latest(new EndpointId("oauth-basic")).flatMap(HealthSnapshot::tokenExpiresAt))
                .as("when the token expires is stored, not the token").isPresent();
        List<String> issued = as.issuedTokens();
        assertThat(issued).as("access tokens issued").isNotEmpty();

        Map<String, String> canaries = new LinkedHashMap<>();
        canaries.put("the client secret", CLIENT_SECRET);
        canaries.put("the private key", pem.lines().skip(1).findFirst().orElseThrow());
        for (int i = 0; i < issued.size(); i++) {
            canaries.put("issued access token " + (i + 1), issued.get(i));
        }
        List<String> found = new ArrayList<>();
        CanaryWalk last = null;
        for (Map.Entry<String, String> canary : canaries.entrySet()) {
            CanaryWalk walk = new CanaryWalk(canary.getValue(), text -> parse(json, text));
            summaries.forEach(summary -> walk.payload("shard summary", summary));
            eventBridge.putEventsBodies.forEach(body -> walk.payload("PutEvents request", body));
            context.getBean(DynamoDbClient.class).scanPaginator(scan -> scan.tableName(dynamoDb.tableName())).items()
                    .forEach(item -> walk.record("table item", item.entrySet().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()))));
            logs.lines().forEach(walk::logLine);
            walk.occurrences().forEach(where -> found.add(canary.getKey() + ": " + where));
            last = walk;
        }
        System.out.println(last.summary("canary walk (probe function, OAuth; per canary, " + canaries.size() + " canaries)"));

        assertThat(found).isEmpty();
        assertThat(eventBridge.putEventsBodies).as("status-change events sent").isNotEmpty();
        assertThat(last.logLines()).as("log lines walked").isGreaterThanOrEqualTo(2 * outcomes.size());
    }

    /** Registers an {@code oauth-client-credentials} endpoint with the given auth fields. */
    private static void register(String id, String outcome, String url, Map<String, Object> auth) {
        Map<String, Object> fullAuth = new LinkedHashMap<>();
        fullAuth.put("type", "oauth-client-credentials");
        fullAuth.putAll(auth);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("url", url);
        entry.put("auth", fullAuth);
        entry.put("timeoutMs", 10_000);
        context.getBean(EndpointRegistry.class).put(ProbeHandlerTest.valid(new EndpointParser(UrlPolicy.local()).parse(entry)));
        outcomes.put(id, outcome);
    }

    /** An MCP server that accepts only tokens the authorization server issued for it, with {@code required} scopes. */
    private static String protectedServer(String required) {
        RunningServer server = JavaSdkServers.builder("oauth-protected", "1.0.0").standardTools()
                .requireOAuthTokens(OAuthProtection.of(as.issuer(), as.jwks(), SCOPE).requiring(required)).start();
        servers.add(server);
        return server.url().toString();
    }

    private static Optional<Object> parse(JsonMapper json, String text) {
        try {
            return Optional.ofNullable(json.readValue(text, Argument.OBJECT_ARGUMENT));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
