package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.testsupport.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Secrets Manager resolver with the real SDK client and the real AWS caching client, against a loopback
 * stand-in that speaks the Secrets Manager protocol: every answer maps to its own {@link SecretLookup}.
 */
class SecretsManagerSecretResolverIT extends SecretResolverContract {

    private static final int ATTEMPTS = 2;

    private SecretsManagerStandIn standIn;
    // From the real now: the AWS caching client under the resolver keeps its own real-time TTLs beside this clock.
    private final ManualClock clock = new ManualClock();
    private SecretsManagerClient client;
    private SecretsManagerSecretResolver resolver;
    private final List<SecretLookup> seen = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        standIn = new SecretsManagerStandIn();
        client = SecretsManagerClients.build(configuration(standIn.endpoint()).settings().client());
        resolver = new SecretsManagerSecretResolver(client, configuration(standIn.endpoint()).settings().cacheTtl(), clock);
    }

    @AfterEach
    void stop() {
        resolver.close();
        client.close();
        standIn.close();
    }

    private static SecretsConfiguration configuration(URI endpoint) {
        SecretsConfiguration config = new SecretsConfiguration();
        config.setEndpoint(endpoint);
        config.setCacheTtl(Duration.ofMillis(300));
        config.setMaxAttempts(ATTEMPTS);
        config.setRetryBaseDelay(Duration.ofMillis(5));
        config.setThrottlingBaseDelay(Duration.ofMillis(5));
        config.setMaxBackoff(Duration.ofMillis(20));
        config.setAttemptTimeout(Duration.ofSeconds(2));
        return config;
    }

    @Override
    protected void plant(String secretId, String text) {
        standIn.put(secretId, text);
    }

    @Override
    protected SecretResolver resolver() {
        return resolver;
    }

    private SecretLookup resolve(String id) {
        SecretLookup lookup = resolver.resolve(ref(id));
        seen.add(lookup);
        return lookup;
    }

    @Test
    void accessDeniedIsItsOwnResult() {
        standIn.put("mcpulse/test/denied", "x-" + CANARY);
        standIn.fail("mcpulse/test/denied", 400, "AccessDeniedException");

        assertThat(resolve("mcpulse/test/denied")).isEqualTo(new SecretLookup.AccessDenied(
                "reading secret mcpulse/test/denied was denied (AccessDeniedException, HTTP 400)"));
    }

    /** Each error Secrets Manager documents for GetSecretValue/DescribeSecret, by status and type, to its result. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, ResourceNotFoundException, NotFound",
            "400, InvalidRequestException, NotFound",
            "400, AccessDeniedException, AccessDenied",
            "400, UnrecognizedClientException, AccessDenied",
            "403, ExpiredTokenException, AccessDenied",
            "400, DecryptionFailure, AccessDenied",
            "400, ThrottlingException, Unavailable",
            "429, TooManyRequestsException, Unavailable",
            "500, InternalServiceError, Unavailable",
            "503, ServiceUnavailable, Unavailable",
            "400, InvalidParameterException, Unavailable"})
    void everyErrorMapsToItsOwnResult(int status, String type, String expected) {
        standIn.put("mcpulse/test/faulty", "x-" + CANARY);
        standIn.fail("mcpulse/test/faulty", status, type);

        SecretLookup lookup = resolve("mcpulse/test/faulty");

        assertThat(lookup.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(String.valueOf(lookup)).contains("mcpulse/test/faulty").contains(type).doesNotContain(CANARY);
    }

    @Test
    void throttlingIsRetriedByTheSdkThenReportedUnavailable() {
        standIn.fail("mcpulse/test/busy", 400, "ThrottlingException");

        assertThat(resolve("mcpulse/test/busy")).isEqualTo(new SecretLookup.Unavailable(
                "Secrets Manager throttled the read of secret mcpulse/test/busy (ThrottlingException, HTTP 400)"));
        assertThat(standIn.count("DescribeSecret", "mcpulse/test/busy")).isEqualTo(ATTEMPTS);
    }

    @Test
    void aServerErrorIsUnavailable() {
        standIn.fail("mcpulse/test/broken-service", 500, "InternalServiceError");

        assertThat(resolve("mcpulse/test/broken-service")).isEqualTo(new SecretLookup.Unavailable(
                "Secrets Manager could not serve secret mcpulse/test/broken-service (InternalServiceError, HTTP 500)"));
        assertThat(standIn.count("DescribeSecret", "mcpulse/test/broken-service")).isEqualTo(ATTEMPTS);
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        URI closed = standIn.endpoint();
        standIn.close();
        try (SecretsManagerClient unreachable = SecretsManagerClients.build(configuration(closed).settings().client());
             var offline = new SecretsManagerSecretResolver(unreachable, configuration(closed).settings().cacheTtl(), clock)) {

            SecretLookup lookup = offline.resolve(ref("mcpulse/test/any"));

            assertThat(lookup).isInstanceOfSatisfying(SecretLookup.Unavailable.class, u -> assertThat(u.reason())
                    .startsWith("Secrets Manager could not be reached for secret mcpulse/test/any ("));
        }
    }

    /**
     * The caching client alone backs off after a failed read (1–2 s, doubling to 64–128 s by the eighth failure) and
     * answers the cached failure meanwhile; the resolver asks again one cycle later, however long the outage was.
     * Within a cycle, endpoints sharing the secret get the held failure without asking again.
     */
    @Test
    void aFailedLookupIsAskedAgainByTheNextCycleHoweverLongTheOutageLasted() {
        String id = "mcpulse/test/outage";
        standIn.put(id, "v-" + CANARY);
        standIn.fail(id, 400, "ThrottlingException");

        for (int cycle = 1; cycle <= 8; cycle++) {
            assertThat(resolve(id)).isInstanceOf(SecretLookup.Unavailable.class);
            assertThat(resolve(id)).isInstanceOf(SecretLookup.Unavailable.class);
            assertThat(standIn.count("DescribeSecret", id)).as("store reads after cycle %d", cycle).isEqualTo(cycle * ATTEMPTS);
            clock.advance(Duration.ofSeconds(60));
        }
        standIn.heal(id);

        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        assertThat(standIn.count("GetSecretValue", id)).isEqualTo(1);
    }

    @Test
    void aValueReadBeforeAnOutageKeepsBeingServedDuringIt() throws InterruptedException {
        String id = "mcpulse/test/steady";
        standIn.put(id, "v-" + CANARY);
        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        standIn.fail(id, 500, "InternalServiceError");

        // Past the cache TTL (real time: the caching client's own clock) the refresh fails; the value read before stays.
        Instant deadline = Instant.now().plusSeconds(5);
        while (standIn.count("DescribeSecret", id) == 1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        }
        assertThat(standIn.count("DescribeSecret", id)).isGreaterThan(1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
    }

    @Test
    void aBinarySecretHasNoTextAndIsEmpty() {
        standIn.putBinary("mcpulse/test/binary");

        assertThat(resolve("mcpulse/test/binary")).isInstanceOf(SecretLookup.Empty.class);
    }

    @Test
    void aRotatedSecretIsPickedUpOnceTheCacheTtlHasPassedAndNotBefore() throws InterruptedException {
        standIn.put("mcpulse/test/rotating", "old-" + CANARY);
        assertThat(found(resolve("mcpulse/test/rotating"))).isEqualTo("old-" + CANARY);
        standIn.put("mcpulse/test/rotating", "new-" + CANARY);

        // Within the TTL the cached value is served without asking Secrets Manager again.
        assertThat(found(resolve("mcpulse/test/rotating"))).isEqualTo("old-" + CANARY);
        assertThat(standIn.count("DescribeSecret", "mcpulse/test/rotating")).isEqualTo(1);

        Instant deadline = Instant.now().plusSeconds(5);
        String value = "old-" + CANARY;
        while (value.startsWith("old") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            value = found(resolve("mcpulse/test/rotating"));
        }
        assertThat(value).isEqualTo("new-" + CANARY);
        assertThat(standIn.count("GetSecretValue", "mcpulse/test/rotating")).isEqualTo(2);
    }

    @Test
    void aFreshReadGoesPastTheCacheAndTheCacheThenHoldsWhatItRead() {
        standIn.put("mcpulse/test/refused", "old-" + CANARY);
        assertThat(found(resolve("mcpulse/test/refused"))).isEqualTo("old-" + CANARY);
        standIn.put("mcpulse/test/refused", "new-" + CANARY);
        assertThat(found(resolve("mcpulse/test/refused"))).as("within the TTL").isEqualTo("old-" + CANARY);

        SecretLookup fresh = resolver.resolveFresh(ref("mcpulse/test/refused"));
        seen.add(fresh);

        assertThat(found(fresh)).isEqualTo("new-" + CANARY);
        assertThat(found(resolve("mcpulse/test/refused"))).isEqualTo("new-" + CANARY);
        assertThat(standIn.count("GetSecretValue", "mcpulse/test/refused")).isEqualTo(2);
    }

    @Test
    void theCanaryNeverAppearsInAReasonOrALogLine() throws IOException {
        standIn.put("mcpulse/test/canary", CANARY);
        standIn.put("mcpulse/test/canary-json", "{\"apiKey\":\"" + CANARY + "\"}");
        standIn.put("mcpulse/test/canary-bad-json", "{" + CANARY);
        resolve("mcpulse/test/canary");
        seen.add(resolver.resolve(ref("mcpulse/test/canary-json", "apiKey")));
        seen.add(resolver.resolve(ref("mcpulse/test/canary-json", "other")));
        seen.add(resolver.resolve(ref("mcpulse/test/canary-bad-json", "apiKey")));
        standIn.fail("mcpulse/test/canary", 500, "InternalServiceError");
        resolve("mcpulse/test/never-there");

        assertThat(seen).hasSize(5).allSatisfy(lookup -> assertThat(String.valueOf(lookup)).doesNotContain(CANARY));
        Path log = Path.of("target/test-logs.txt");
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("software.amazon.awssdk").doesNotContain(CANARY);
    }

    private static String found(SecretLookup lookup) {
        assertThat(lookup).isInstanceOf(SecretLookup.Found.class);
        return ((SecretLookup.Found) lookup).value().reveal();
    }
}
