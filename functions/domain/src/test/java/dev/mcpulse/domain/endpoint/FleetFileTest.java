package dev.mcpulse.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FleetFileTest {

    final FleetFile cloud = new FleetFile(UrlPolicy.cloud());
    final FleetFile local = new FleetFile(UrlPolicy.local());

    static final String CANARY_TOKEN = "ghp_Zq8xLw2pVn7rTs4kYb1mCd9fGh3jKl5NoP6q";

    /** One malformed entry each; the only error must name exactly this field. */
    static Stream<Arguments> malformedEntries() {
        return Stream.of(
                bad("missing id", "{url: 'https://a.example.com/mcp'}", "id"),
                bad("id with upper case", "{id: Payments, url: 'https://a.example.com/mcp'}", "id"),
                bad("id with a slash (path traversal)", "{id: '../etc', url: 'https://a.example.com/mcp'}", "id"),
                bad("id too long", "{id: " + "a".repeat(64) + ", url: 'https://a.example.com/mcp'}", "id"),
                bad("id is a number", "{id: 42, url: 'https://a.example.com/mcp'}", "id"),
                bad("missing url", "{id: a}", "url"),
                bad("url is a list", "{id: a, url: [x]}", "url"),
                bad("plain http outside local mode", "{id: a, url: 'http://a.example.com/mcp'}", "url"),
                bad("instance metadata address", "{id: a, url: 'https://169.254.169.254/latest'}", "url"),
                bad("metadata address in decimal", "{id: a, url: 'https://2852039166/'}", "url"),
                bad("metadata address in hex", "{id: a, url: 'https://0xA9FEA9FE/'}", "url"),
                bad("IPv6 EC2 metadata address", "{id: a, url: 'https://[fd00:ec2::254]/'}", "url"),
                bad("IPv4-mapped metadata address", "{id: a, url: 'https://[::ffff:169.254.169.254]/'}", "url"),
                bad("loopback outside local mode", "{id: a, url: 'https://127.0.0.1:8443/mcp'}", "url"),
                bad("file scheme", "{id: a, url: 'file:///etc/passwd'}", "url"),
                bad("userinfo in url", "{id: a, url: 'https://bob:hunter2@a.example.com/mcp'}", "url"),
                bad("not a url at all", "{id: a, url: 'https://exa mple.com'}", "url"),
                bad("unknown transport", "{id: a, url: 'https://a.example.com/mcp', transport: websocket}", "transport"),
                bad("timeout zero", "{id: a, url: 'https://a.example.com/mcp', timeoutMs: 0}", "timeoutMs"),
                bad("timeout ten minutes", "{id: a, url: 'https://a.example.com/mcp', timeoutMs: 600000}", "timeoutMs"),
                bad("timeout as text", "{id: a, url: 'https://a.example.com/mcp', timeoutMs: '10s'}", "timeoutMs"),
                bad("timeout fractional", "{id: a, url: 'https://a.example.com/mcp', timeoutMs: 1500.5}", "timeoutMs"),
                bad("enabled as text", "{id: a, url: 'https://a.example.com/mcp', enabled: 'maybe'}", "enabled"),
                bad("labels as a list", "{id: a, url: 'https://a.example.com/mcp', labels: [prod]}", "labels"),
                bad("label value is a mapping", "{id: a, url: 'https://a.example.com/mcp', labels: {team: {x: 1}}}", "labels.team"),
                bad("name is empty", "{id: a, url: 'https://a.example.com/mcp', name: ''}", "name"),
                bad("unknown field (typo)", "{id: a, url: 'https://a.example.com/mcp', timeout_ms: 5000}", "timeout_ms"),
                bad("unknown auth type", "{id: a, url: 'https://a.example.com/mcp', auth: {type: basic, secret: s}}", "auth.type"),
                bad("auth as plain text", "{id: a, url: 'https://a.example.com/mcp', auth: 'Bearer abc'}", "auth"),
                bad("bearer without secret", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer}}", "auth.secret"),
                bad("secret value where the reference belongs", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer, secret: '"
                        + CANARY_TOKEN + "'}}", "auth.secret"),
                bad("a token field inside auth", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer, secret: mcpulse/a, token: '"
                        + CANARY_TOKEN + "'}}", "auth.token"),
                bad("parameter name with spaces", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer, secret: 'ssm:/my secret'}}", "auth.secret"),
                bad("secret name with spaces", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer, secret: 'my secret'}}", "auth.secret"),
                bad("header name with spaces", "{id: a, url: 'https://a.example.com/mcp', auth: {type: header, name: 'X Api Key', secret: mcpulse/a}}", "auth.name"),
                bad("header the probe owns", "{id: a, url: 'https://a.example.com/mcp', auth: {type: header, name: Mcp-Session-Id, secret: mcpulse/a}}", "auth.name"),
                bad("a null field inside auth that auth does not have", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer, secret: mcpulse/a, token: null}}", "auth.token"),
                bad("header auth with a null header name", "{id: a, url: 'https://a.example.com/mcp', auth: {type: header, name: null, secret: mcpulse/a}}", "auth.name"),
                bad("json key empty", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer, secret: mcpulse/a, key: ''}}", "auth.key"),
                bad("readiness without tool", "{id: a, url: 'https://a.example.com/mcp', readiness: {arguments: {}}}", "readiness.tool"),
                bad("readiness tool name with spaces", "{id: a, url: 'https://a.example.com/mcp', readiness: {tool: 'get me'}}", "readiness.tool"),
                bad("readiness arguments as a list", "{id: a, url: 'https://a.example.com/mcp', readiness: {tool: get_me, arguments: [1]}}", "readiness.arguments"),
                bad("oauth without client id", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: null, secret: mcpulse/a}}", "auth.clientId"),
                bad("oauth client id with spaces", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: 'my client', secret: mcpulse/a}}", "auth.clientId"),
                bad("oauth without secret reference", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe}}", "auth.secret"),
                bad("oauth client secret pasted as the reference", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: '"
                        + CANARY_TOKEN + "'}}", "auth.secret"),
                bad("oauth client secret in its own field", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: mcpulse/a, clientSecret: '"
                        + CANARY_TOKEN + "'}}", "auth.clientSecret"),
                bad("oauth unknown token endpoint auth", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: mcpulse/a, tokenEndpointAuth: tls_client_auth}}",
                        "auth.tokenEndpointAuth"),
                bad("oauth symmetric signing algorithm", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: mcpulse/a, tokenEndpointAuth: private_key_jwt,"
                        + " signingAlg: HS256}}", "auth.signingAlg"),
                bad("oauth signing algorithm without private_key_jwt", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: mcpulse/a, signingAlg: RS256}}",
                        "auth.signingAlg"),
                bad("oauth scope with a backslash", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: mcpulse/a, scope: 'a\\\\b'}}", "auth.scope"),
                bad("oauth authorization server at the metadata address", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: mcpulse/a,"
                        + " authorizationServer: 'https://169.254.169.254/'}}", "auth.authorizationServer"),
                bad("oauth authorization server over plain http outside local mode", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, clientId: probe, secret: mcpulse/a,"
                        + " authorizationServer: 'http://as.example.com'}}", "auth.authorizationServer"),
                bad("oauth field on a bearer reference", "{id: a, url: 'https://a.example.com/mcp', auth: {type: bearer,"
                        + " secret: mcpulse/a, clientId: probe}}", "auth.clientId"),
                bad("oauth-discovery with a secret", "{id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-discovery,"
                        + " secret: mcpulse/a}}", "auth.secret"),
                bad("entry is a plain string", "'https://a.example.com/mcp'", "(entry)"));
    }

    static Arguments bad(String description, String entryYaml, String field) {
        return Arguments.of(description, entryYaml, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEntries")
    void aMalformedEntryIsRejectedNamingExactlyItsField(String description, String entryYaml, String field) {
        FleetFile.Parsed parsed = cloud.parse("- " + entryYaml + "\n");

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.endpoints()).isEmpty();
        assertThat(parsed.errors()).extracting(e -> e.error().field()).containsExactly(field);
        FleetFile.EntryError error = parsed.errors().getFirst();
        assertThat(error.entry()).isEqualTo(1);
        assertThat(error.message()).startsWith("entry #1").contains("field \"" + field + "\"", "expected");
        assertThat(error.message()).doesNotContain(CANARY_TOKEN).doesNotContain("hunter2");
    }

    @Test
    void atLeastTwentyFiveMalformedEntriesAreCovered() {
        assertThat(malformedEntries().count()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void everyErrorIsReportedAtOnceWithEntryIndexAndId() {
        String yaml = """
                endpoints:
                  - {id: good, url: 'https://good.example.com/mcp'}
                  - {id: bad-url, url: 'http://plain.example.com/mcp', timeoutMs: 0}
                  - {url: 'https://noid.example.com/mcp'}
                  - {id: good, url: 'https://dup.example.com/mcp'}
                """;

        FleetFile.Parsed parsed = cloud.parse(yaml);

        assertThat(parsed.endpoints()).as("an invalid file saves nothing").isEmpty();
        assertThat(parsed.errors()).extracting(FleetFile.EntryError::message).satisfiesExactly(
                m -> assertThat(m).startsWith("entry #2 (id \"bad-url\"): field \"url\"").contains("https://"),
                m -> assertThat(m).startsWith("entry #2 (id \"bad-url\"): field \"timeoutMs\"").contains("number 0", "100 to 30000"),
                m -> assertThat(m).startsWith("entry #3: field \"id\"").contains("found nothing"),
                m -> assertThat(m).startsWith("entry #4 (id \"good\"): field \"id\"").contains("not used by an earlier entry"));
    }

    @Test
    void invalidYamlIsAFileErrorWithItsLine() {
        FleetFile.Parsed parsed = cloud.parse("- id: a\n  url: [unclosed\n");

        assertThat(parsed.errors()).singleElement().satisfies(e -> {
            assertThat(e.entry()).isZero();
            assertThat(e.message()).startsWith("fleet file: field \"(file)\": found invalid YAML at line");
        });
    }

    @Test
    void duplicateKeysInAnEntryAreRefused() {
        FleetFile.Parsed parsed = cloud.parse("- id: a\n  url: https://a.example.com\n  url: https://b.example.com\n");

        assertThat(parsed.errors()).singleElement().extracting(FleetFile.EntryError::message).asString()
                .contains("duplicate key url");
    }

    @Test
    void oauthClientCredentialsAreAReferenceWithTheirOptions() {
        FleetFile.Parsed parsed = cloud.parse("""
                - id: a
                  url: 'https://a.example.com/mcp'
                  auth: {type: oauth-client-credentials, clientId: mcpulse-probe, secret: mcpulse/a-client}
                - id: b
                  url: 'https://b.example.com/mcp'
                  auth:
                    type: oauth-client-credentials
                    clientId: 0oa1b2c3d4e5f6g7h8i9
                    secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mcpulse/b-key'
                    key: privateKey
                    scope: 'mcp:tools mcp:read'
                    tokenEndpointAuth: private_key_jwt
                    signingAlg: ES256
                    authorizationServer: 'https://login.example.com/tenant'
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.endpoints().getFirst().auth()).isEqualTo(new AuthRef.OAuthClientCredentials("mcpulse-probe",
                new AuthRef.SecretRef("mcpulse/a-client", Optional.empty()), Optional.empty(),
                AuthRef.TokenEndpointAuth.CLIENT_SECRET_BASIC, Optional.empty(), Optional.empty()));
        assertThat(parsed.endpoints().get(1).auth()).isInstanceOfSatisfying(AuthRef.OAuthClientCredentials.class, oauth -> {
            assertThat(oauth.secretRef().jsonKey()).contains("privateKey");
            assertThat(oauth.scope()).contains("mcp:tools mcp:read");
            assertThat(oauth.tokenEndpointAuth()).isEqualTo(AuthRef.TokenEndpointAuth.PRIVATE_KEY_JWT);
            assertThat(oauth.signingAlg()).contains("ES256");
            assertThat(oauth.authorizationServer()).contains(java.net.URI.create("https://login.example.com/tenant"));
        });
        assertThat(parsed.endpoints()).allSatisfy(endpoint -> assertThat(endpoint.needsSecret()).isTrue());
    }

    @Test
    void aParameterStoreParameterIsAReferenceLikeASecret() {
        FleetFile.Parsed parsed = cloud.parse("""
                - {id: a, url: 'https://a.example.com/mcp', auth: {type: bearer, secret: 'ssm:/mcpulse/prod/tools', key: jira}}
                - {id: b, url: 'https://b.example.com/mcp', auth: {type: header, name: X-Api-Key,
                   secret: 'arn:aws:ssm:eu-west-1:123456789012:parameter/mcpulse/prod/b'}}
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.endpoints().getFirst().auth()).isEqualTo(
                new AuthRef.Bearer(new AuthRef.SecretRef("ssm:/mcpulse/prod/tools", Optional.of("jira"))));
        assertThat(parsed.endpoints().get(1).auth().secret()).contains(new AuthRef.SecretRef(
                "arn:aws:ssm:eu-west-1:123456789012:parameter/mcpulse/prod/b", Optional.empty()));
    }

    @Test
    void aSignInChainCheckHoldsNoCredential() {
        FleetFile.Parsed parsed = cloud.parse("""
                - {id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-discovery}}
                - {id: b, url: 'https://b.example.com/mcp', auth: {type: oauth-discovery, secret: null, clientId: null}}
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.endpoints()).allSatisfy(endpoint -> {
            assertThat(endpoint.auth()).isEqualTo(new AuthRef.OAuthDiscovery());
            assertThat(endpoint.needsSecret()).isFalse();
        });
    }

    @Test
    void anOauthEntryAsTheApiShowsItIsAcceptedBack() {
        FleetFile.Parsed parsed = cloud.parse("""
                - {id: a, url: 'https://a.example.com/mcp', auth: {type: oauth-client-credentials, secret: mcpulse/a,
                   key: null, name: null, clientId: probe, scope: null, tokenEndpointAuth: client_secret_post,
                   signingAlg: null, authorizationServer: null}}
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.endpoints().getFirst().auth()).isInstanceOfSatisfying(AuthRef.OAuthClientCredentials.class,
                oauth -> assertThat(oauth.tokenEndpointAuth()).isEqualTo(AuthRef.TokenEndpointAuth.CLIENT_SECRET_POST));
    }

    @Test
    void aDocumentThatIsNotAListIsRefused() {
        assertThat(cloud.parse("id: a\nurl: https://a.example.com\n").errors()).singleElement()
                .extracting(FleetFile.EntryError::message).asString().contains("a YAML list of endpoint entries");
    }

    @Test
    void localModeAllowsPlainHttpAndLoopbackButNeverMetadata() {
        FleetFile.Parsed parsed = local.parse("""
                - {id: a, url: 'http://127.0.0.1:3001/mcp'}
                - {id: b, url: 'http://localhost:3002/mcp'}
                """);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.endpoints()).hasSize(2);

        assertThat(local.parse("- {id: m, url: 'http://169.254.169.254/'}").errors())
                .extracting(e -> e.error().field()).containsExactly("url");
    }

    @Test
    void theExampleFleetUnderInfraParsesCleanly() throws IOException {
        FleetFile.Parsed parsed = cloud.parse(Files.readString(repositoryRoot().resolve("infra/example-fleet.yaml")));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.endpoints()).extracting(e -> e.id().value())
                .containsExactly("github-mcp", "payments-tools", "docs-search", "legacy-crm");
        Endpoint github = parsed.endpoints().getFirst();
        assertThat(github.auth()).isEqualTo(new AuthRef.Bearer(new AuthRef.SecretRef("mcpulse/prod/github-token", Optional.empty())));
        assertThat(github.readiness()).map(Readiness::tool).contains("get_me");
        assertThat(github.timeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(github.labels()).containsEntry("team", "platform");
        Endpoint payments = parsed.endpoints().get(1);
        assertThat(payments.transport()).isEqualTo(Transport.STREAMABLE_HTTP);
        assertThat(payments.auth()).isInstanceOfSatisfying(AuthRef.Header.class, h -> {
            assertThat(h.headerName()).isEqualTo("X-Api-Key");
            assertThat(h.secretRef().jsonKey()).contains("apiKey");
        });
        assertThat(parsed.endpoints().get(2).name()).as("name defaults to the id").isEqualTo("docs-search");
        assertThat(parsed.endpoints().get(3).enabled()).isFalse();
        assertThat(parsed.endpoints().get(2).timeout()).isEqualTo(Endpoint.DEFAULT_TIMEOUT);
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("infra"))) {
            dir = dir.getParent();
        }
        return java.util.Objects.requireNonNull(dir, "no infra/ folder above the working directory");
    }

    @Test
    void anEntryAcceptsJsonShapedNumbersFromTheApi() {
        var result = new EndpointParser(UrlPolicy.cloud()).parse(java.util.Map.of(
                "id", "a", "url", "https://a.example.com/mcp", "timeoutMs", 5000L, "enabled", true,
                "labels", java.util.Map.of("tier", 1)));

        assertThat(result).isInstanceOfSatisfying(EndpointParser.Result.Valid.class, v -> {
            assertThat(v.endpoint().timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(v.endpoint().labels()).containsEntry("tier", "1");
        });
    }

    /** The API shows every key of an entry, null when it does not apply; PUT and fleet files read such a null as absent. */
    @Test
    void nullForAnAbsentOptionalFieldReadsAsLeavingItOut() {
        List<Endpoint> withNulls = cloud.parse("""
                - {id: a, url: 'https://a.example.com/mcp', intervalSeconds: null, readiness: null,
                   auth: {type: none, secret: null, key: null, name: null}}
                - {id: b, url: 'https://b.example.com/mcp', auth: {type: bearer, secret: mcpulse/b, key: null, name: null}}
                - {id: c, url: 'https://c.example.com/mcp', auth: {type: header, name: X-Api-Key, secret: mcpulse/c, key: null}}
                """).endpoints();
        List<Endpoint> without = cloud.parse("""
                - {id: a, url: 'https://a.example.com/mcp'}
                - {id: b, url: 'https://b.example.com/mcp', auth: {type: bearer, secret: mcpulse/b}}
                - {id: c, url: 'https://c.example.com/mcp', auth: {type: header, name: X-Api-Key, secret: mcpulse/c}}
                """).endpoints();

        assertThat(withNulls).hasSize(3).isEqualTo(without);
    }

    @Test
    void aHugeFileIsRefusedBeforeParsing() {
        String huge = "- {id: a, url: 'https://a.example.com'}\n" + "#".repeat(FleetFile.MAX_BYTES);

        assertThat(cloud.parse(huge).errors()).singleElement().extracting(FleetFile.EntryError::message).asString()
                .contains("at most");
    }

    @Test
    void listsOfEntriesAtTheTopLevelAreAccepted() {
        assertThat(cloud.parse("- {id: a, url: 'https://a.example.com/mcp'}\n").endpoints())
                .extracting(Endpoint::id).containsExactly(new EndpointId("a"));
        assertThat(List.of(Transport.values())).extracting(Transport::wireName).containsExactly("auto", "streamable-http", "sse");
    }

    @Test
    void aDocumentReadByAnotherParserFollowsTheSameRules() {
        Object json = List.of(
                java.util.Map.of("id", "a", "url", "https://a.example.com/mcp"),
                java.util.Map.of("id", "a", "url", "https://b.example.com/mcp"));

        FleetFile.Parsed parsed = cloud.parseDocument(json);

        assertThat(parsed.endpoints()).isEmpty();
        assertThat(parsed.errors()).singleElement().satisfies(e -> assertThat(e.entry()).isEqualTo(2));
        assertThat(cloud.parseDocument(java.util.Map.of("endpoints", List.of(java.util.Map.of("id", "b",
                "url", "https://b.example.com/mcp")))).endpoints()).extracting(Endpoint::id)
                .containsExactly(new EndpointId("b"));
        assertThat(cloud.parseDocument("text").valid()).isFalse();
    }
}
