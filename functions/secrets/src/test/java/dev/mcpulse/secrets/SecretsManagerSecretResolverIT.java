package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.testsupport.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Secrets Manager resolver with the real SDK client, against a loopback stand-in that speaks the Secrets Manager
 * protocol: every answer maps to its own {@link SecretLookup}, and every call it makes is counted. The cache runs on
 * the test's clock, so its TTL (300 ms here) passes when the test says so.
 */
class SecretsManagerSecretResolverIT extends SecretResolverContract {

    static final int ATTEMPTS = 2;

    private SecretsManagerStandIn standIn;
    private static final Duration TTL = Duration.ofMillis(300);

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

    static SecretsConfiguration configuration(URI endpoint) {
        SecretsConfiguration config = new SecretsConfiguration();
        config.setEndpoint(endpoint);
        config.setCacheTtl(TTL);
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
        assertThat(standIn.count("GetSecretValue", "mcpulse/test/busy")).isEqualTo(ATTEMPTS);
    }

    @Test
    void aServerErrorIsUnavailable() {
        standIn.fail("mcpulse/test/broken-service", 500, "InternalServiceError");

        assertThat(resolve("mcpulse/test/broken-service")).isEqualTo(new SecretLookup.Unavailable(
                "Secrets Manager could not serve secret mcpulse/test/broken-service (InternalServiceError, HTTP 500)"));
        assertThat(standIn.count("GetSecretValue", "mcpulse/test/broken-service")).isEqualTo(ATTEMPTS);
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
     * The AWS caching client, used before, backed off after a failed read (1–2 s, doubling to 64–128 s by the eighth
     * failure); the resolver asks again one cycle later, however long the outage was. Within a cycle, endpoints
     * sharing the secret get the held failure without asking again.
     */
    @Test
    void aFailedLookupIsAskedAgainByTheNextCycleHoweverLongTheOutageLasted() {
        String id = "mcpulse/test/outage";
        standIn.put(id, "v-" + CANARY);
        standIn.fail(id, 400, "ThrottlingException");

        for (int cycle = 1; cycle <= 8; cycle++) {
            assertThat(resolve(id)).isInstanceOf(SecretLookup.Unavailable.class);
            assertThat(resolve(id)).isInstanceOf(SecretLookup.Unavailable.class);
            assertThat(standIn.count("GetSecretValue", id)).as("store reads after cycle %d", cycle).isEqualTo(cycle * ATTEMPTS);
            clock.advance(Duration.ofSeconds(60));
        }
        standIn.heal(id);

        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        assertThat(standIn.count("GetSecretValue", id)).isEqualTo(8 * ATTEMPTS + 1);
    }

    @Test
    void aValueReadBeforeAnOutageKeepsBeingServedDuringIt() {
        String id = "mcpulse/test/steady";
        standIn.put(id, "v-" + CANARY);
        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        standIn.fail(id, 500, "InternalServiceError");

        // Past the cache TTL the refresh fails; the value read before stays, and the store is asked again only after
        // the failure hold (half the TTL here), not by every lookup.
        clock.advance(TTL);
        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        assertThat(standIn.count("GetSecretValue", id)).isEqualTo(1 + ATTEMPTS);
        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        assertThat(standIn.count("GetSecretValue", id)).isEqualTo(1 + ATTEMPTS);
        clock.advance(Duration.ofSeconds(60));
        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        assertThat(standIn.count("GetSecretValue", id)).isEqualTo(1 + 2 * ATTEMPTS);
    }

    /** A secret deleted (or no longer readable) is not an outage: past the TTL its old value is no longer served. */
    @Test
    void aSecretDeletedWhileCachedIsNotFoundOnceTheTtlHasPassed() {
        String id = "mcpulse/test/deleted";
        standIn.put(id, "v-" + CANARY);
        assertThat(found(resolve(id))).isEqualTo("v-" + CANARY);
        standIn.fail(id, 400, "ResourceNotFoundException");

        assertThat(found(resolve(id))).as("within the TTL").isEqualTo("v-" + CANARY);
        clock.advance(TTL);

        assertThat(resolve(id)).isEqualTo(new SecretLookup.NotFound(
                "secret mcpulse/test/deleted does not exist in Secrets Manager (ResourceNotFoundException)"));
    }

    @Test
    void aBinarySecretHasNoTextAndIsEmpty() {
        standIn.putBinary("mcpulse/test/binary");

        assertThat(resolve("mcpulse/test/binary")).isInstanceOf(SecretLookup.Empty.class);
    }

    @Test
    void aRotatedSecretIsPickedUpOnceTheCacheTtlHasPassedAndNotBefore() {
        standIn.put("mcpulse/test/rotating", "old-" + CANARY);
        assertThat(found(resolve("mcpulse/test/rotating"))).isEqualTo("old-" + CANARY);
        standIn.put("mcpulse/test/rotating", "new-" + CANARY);

        // Within the TTL (before half of it: the earliest a secret is read again) the cached value is served
        // without asking Secrets Manager again.
        clock.advance(TTL.dividedBy(2).minusMillis(1));
        assertThat(found(resolve("mcpulse/test/rotating"))).isEqualTo("old-" + CANARY);
        assertThat(standIn.count("GetSecretValue", "mcpulse/test/rotating")).isEqualTo(1);

        clock.advance(TTL.dividedBy(2).plusMillis(1));
        assertThat(found(resolve("mcpulse/test/rotating"))).isEqualTo("new-" + CANARY);
        assertThat(standIn.count("GetSecretValue", "mcpulse/test/rotating")).isEqualTo(2);
        // One call per read: the version is not asked for first.
        assertThat(standIn.calls("DescribeSecret")).isZero();
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
        standIn.put("mcpulse/test/canary-batch", "b-" + CANARY);
        standIn.fail("mcpulse/test/canary-denied", 400, "AccessDeniedException");
        resolver.prefetch(List.of(ref("mcpulse/test/canary-batch"), ref("mcpulse/test/canary-denied")));
        seen.add(resolver.resolve(ref("mcpulse/test/canary-batch")));
        seen.add(resolver.resolve(ref("mcpulse/test/canary-denied")));
        resolve("mcpulse/test/canary");
        seen.add(resolver.resolve(ref("mcpulse/test/canary-json", "apiKey")));
        seen.add(resolver.resolve(ref("mcpulse/test/canary-json", "other")));
        seen.add(resolver.resolve(ref("mcpulse/test/canary-bad-json", "apiKey")));
        standIn.fail("mcpulse/test/canary", 500, "InternalServiceError");
        resolve("mcpulse/test/never-there");

        assertThat(seen).hasSize(7).allSatisfy(lookup -> assertThat(String.valueOf(lookup)).doesNotContain(CANARY));
        Path log = Path.of("target/test-logs.txt");
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("software.amazon.awssdk").doesNotContain(CANARY);
    }

    /** A shard's endpoints (two to a secret, some by a JSON key) over {@code secrets} secrets. */
    private List<SecretRef> shard(int secrets) {
        List<SecretRef> refs = new ArrayList<>();
        for (int i = 0; i < secrets; i++) {
            String id = "mcpulse/test/shard-" + i;
            standIn.put(id, "{\"token\":\"t" + i + "-" + CANARY + "\"}");
            refs.add(ref(id, "token"));
            refs.add(ref(id, "token"));
        }
        return refs;
    }

    @ParameterizedTest(name = "{0} secrets -> {1} calls")
    @CsvSource({"1, 1", "7, 1", "20, 1", "21, 2", "45, 3"})
    void aShardsSecretsCostOneCallPerTwentyOnAColdCacheAndNoneOnAWarmOne(int secrets, int calls) {
        List<SecretRef> refs = shard(secrets);

        resolver.prefetch(refs);
        refs.forEach(ref -> assertThat(found(resolver.resolve(ref))).startsWith("t"));

        assertThat(standIn.calls("BatchGetSecretValue")).isEqualTo(calls);
        assertThat(standIn.calls()).as("every call, GetSecretValue and DescribeSecret included").isEqualTo(calls);

        // The next cycle, within the TTL: nothing to read.
        clock.advance(Duration.ofMillis(100));
        resolver.prefetch(refs);
        refs.forEach(ref -> assertThat(found(resolver.resolve(ref))).startsWith("t"));

        assertThat(standIn.calls()).isEqualTo(calls);
        System.out.println("FIGURES secrets per shard: " + refs.size() + " endpoints over " + secrets
                + " secrets -> " + calls + " BatchGetSecretValue call(s) cold, 0 warm, no other call");
    }

    @Test
    void secretsReadTogetherAreReadAgainTogetherOnceTheTtlHasPassed() {
        List<SecretRef> refs = shard(7);
        resolver.prefetch(refs);

        clock.advance(TTL);
        resolver.prefetch(refs);
        refs.forEach(ref -> assertThat(found(resolver.resolve(ref))).startsWith("t"));

        assertThat(standIn.calls("BatchGetSecretValue")).isEqualTo(2);
        assertThat(standIn.calls()).isEqualTo(2);
    }

    /**
     * A call made for a due secret fills up with the cached secrets past half their TTL that were asked for since
     * their read, and only those: one read recently is left, and one read ahead but not asked for since is not read
     * ahead again (the fleet may no longer name it).
     */
    @Test
    void aCallForADueSecretAlsoReadsTheSecretsPastHalfTheirTtlThatAreStillAskedFor() {
        List<SecretRef> early = group("early", 5);
        List<SecretRef> middle = group("middle", 10);
        List<SecretRef> recent = group("recent", 3);
        resolver.prefetch(early);
        clock.advance(Duration.ofMillis(1));
        resolver.prefetch(middle);
        clock.advance(TTL.minusMillis(2));
        recent.forEach(resolver::resolve); // read alone (GetSecretValue), which reads nothing ahead
        clock.advance(Duration.ofMillis(1));
        assertThat(standIn.calls()).isEqualTo(2 + 3);

        // The early secrets are due (a secret is read again one TTL after its read at the latest); the middle ones are
        // past half their TTL, the recent ones 1 ms old.
        resolver.prefetch(early);

        assertThat(standIn.calls()).as("one call for the due secrets and those read ahead").isEqualTo(6);
        middle.forEach(ref -> assertThat(standIn.count("BatchGetSecretValue", ref.secretId())).as(ref.secretId()).isEqualTo(2));
        recent.forEach(ref -> assertThat(standIn.count("BatchGetSecretValue", ref.secretId())).as(ref.secretId()).isZero());
        List<SecretRef> askedAgain = middle.subList(0, 4);
        askedAgain.forEach(ref -> assertThat(found(resolver.resolve(ref))).startsWith("middle"));
        assertThat(standIn.calls()).as("what was read ahead is served").isEqualTo(6);

        // A TTL later every secret is due; only those asked for since their last read ride along with the recent ones.
        clock.advance(TTL);
        resolver.prefetch(recent);

        assertThat(standIn.calls()).isEqualTo(7);
        early.forEach(ref -> assertThat(standIn.count("BatchGetSecretValue", ref.secretId())).as(ref.secretId()).isEqualTo(3));
        askedAgain.forEach(ref -> assertThat(standIn.count("BatchGetSecretValue", ref.secretId())).isEqualTo(3));
        middle.subList(4, middle.size()).forEach(ref ->
                assertThat(standIn.count("BatchGetSecretValue", ref.secretId())).as("not asked for since").isEqualTo(2));
    }

    /**
     * The bound the cost model uses (docs/cost.md): a container that meets many secrets, a few in each shard, reads them
     * about twenty to a call, at most one call per twenty secrets per half TTL, where shard by shard it would read
     * each group of secrets that happened to be read together on its own.
     */
    @Test
    void aContainerMeetingManySecretsInSmallShardsReadsThemTwentyToACall() {
        int secrets = 100;
        List<SecretRef> all = group("fleet", secrets);
        java.util.Random random = new java.util.Random(16);
        Duration shardEvery = TTL.dividedBy(100);
        int warmUpShards = 100;
        int steadyShards = 2_000;
        long callsAfterWarmUp = 0;
        for (int shard = 0; shard < warmUpShards + steadyShards; shard++) {
            if (shard == warmUpShards) {
                callsAfterWarmUp = standIn.calls();
            }
            List<SecretRef> refs = random.ints(5, 0, secrets).mapToObj(all::get).toList();
            resolver.prefetch(refs);
            refs.forEach(ref -> assertThat(found(resolver.resolve(ref))).startsWith("fleet"));
            clock.advance(shardEvery);
        }

        long steadyCalls = standIn.calls() - callsAfterWarmUp;
        long halfTtls = shardEvery.multipliedBy(steadyShards).toMillis() / TTL.dividedBy(2).toMillis();
        long bound = (long) Math.ceil(secrets / (double) SecretsManagerSecretResolver.BATCH_LIMIT) * halfTtls;
        System.out.println("FIGURES secrets read ahead: " + secrets + " secrets, 5 a shard, " + steadyShards
                + " shards over " + halfTtls + " half TTLs -> " + steadyCalls + " calls (bound " + bound + "), "
                + standIn.calls("GetSecretValue") + " GetSecretValue");
        assertThat(standIn.calls("GetSecretValue")).isZero();
        assertThat(steadyCalls).isLessThanOrEqualTo(bound);
    }

    private List<SecretRef> group(String name, int secrets) {
        List<SecretRef> refs = new ArrayList<>();
        for (int i = 0; i < secrets; i++) {
            String id = "mcpulse/test/" + name + "-" + i;
            standIn.put(id, name + i + "-" + CANARY);
            refs.add(ref(id));
        }
        return refs;
    }

    /** An error the batch reports for one secret is that secret's result, as a single read's; the others resolve. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, ResourceNotFoundException, NotFound",
            "400, InvalidRequestException, NotFound",
            "400, AccessDeniedException, AccessDenied",
            "400, DecryptionFailure, AccessDenied",
            "400, InvalidParameterException, Unavailable"})
    void anErrorForOneSecretOfTheBatchIsThatSecretsOwnResultAndTheOthersResolve(int status, String type,
                                                                                 String expected) {
        standIn.put("mcpulse/test/fine-a", "a-" + CANARY);
        standIn.put("mcpulse/test/faulty", "x-" + CANARY);
        standIn.fail("mcpulse/test/faulty", status, type);
        standIn.put("mcpulse/test/fine-b", "b-" + CANARY);
        List<SecretRef> refs = List.of(ref("mcpulse/test/fine-a"), ref("mcpulse/test/faulty"), ref("mcpulse/test/fine-b"));

        resolver.prefetch(refs);
        SecretLookup faulty = resolve("mcpulse/test/faulty");

        assertThat(found(resolve("mcpulse/test/fine-a"))).isEqualTo("a-" + CANARY);
        assertThat(found(resolve("mcpulse/test/fine-b"))).isEqualTo("b-" + CANARY);
        assertThat(faulty.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(String.valueOf(faulty)).contains("mcpulse/test/faulty").contains(type).doesNotContain(CANARY);
        assertThat(standIn.calls()).as("the batch call alone: the error is held, not asked again").isEqualTo(1);
        // Classified as a single read of the same secret is.
        SecretLookup single = resolver.resolveFresh(ref("mcpulse/test/faulty"));
        assertThat(single.getClass()).isEqualTo(faulty.getClass());
    }

    @Test
    void aSecretTheBatchDidNotFindIsNotFoundInTheWordsOfASingleRead() {
        standIn.put("mcpulse/test/here", "h-" + CANARY);
        resolver.prefetch(List.of(ref("mcpulse/test/here"), ref("mcpulse/test/absent")));

        assertThat(resolve("mcpulse/test/absent")).isEqualTo(new SecretLookup.NotFound(
                "secret mcpulse/test/absent does not exist in Secrets Manager (ResourceNotFoundException)"));
        assertThat(standIn.calls()).isEqualTo(1);
    }

    /**
     * The batch call refused as a whole (a role without secretsmanager:BatchGetSecretValue, throttling, an error of
     * the service): nothing is lost, each secret is read alone when resolved, and then cached as usual.
     */
    @ParameterizedTest(name = "{0} {1}, {2} attempt(s)")
    @CsvSource({"400, AccessDeniedException, 1", "400, ThrottlingException, 2", "500, InternalServiceError, 2"})
    void aRefusedBatchCallFallsBackToOneReadPerSecret(int status, String type, int attempts) {
        List<SecretRef> refs = shard(3);
        standIn.refuse("BatchGetSecretValue", status, type);

        resolver.prefetch(refs);
        refs.forEach(ref -> assertThat(found(resolver.resolve(ref))).startsWith("t"));

        assertThat(standIn.calls("BatchGetSecretValue")).isEqualTo(attempts);
        assertThat(standIn.calls("GetSecretValue")).as("one read per secret, not per endpoint").isEqualTo(3);
        resolver.prefetch(refs);
        refs.forEach(ref -> assertThat(found(resolver.resolve(ref))).startsWith("t"));
        assertThat(standIn.calls()).as("warm: no call").isEqualTo(attempts + 3);
    }

    @Test
    void aValueReadByTheBatchKeepsBeingServedThroughAnOutageOfTheWholeService() {
        standIn.put("mcpulse/test/steady", "s-" + CANARY);
        resolver.prefetch(List.of(ref("mcpulse/test/steady")));
        standIn.fail("mcpulse/test/steady", 503, "ServiceUnavailable");

        clock.advance(TTL);
        resolver.prefetch(List.of(ref("mcpulse/test/steady")));

        assertThat(found(resolve("mcpulse/test/steady"))).isEqualTo("s-" + CANARY);
        assertThat(standIn.calls("BatchGetSecretValue")).isEqualTo(1 + ATTEMPTS);
        assertThat(standIn.calls("GetSecretValue")).isEqualTo(ATTEMPTS);
    }

    /** A failure the batch reported is held at most the failure hold, then read again by the next shard's batch. */
    @Test
    void aFailureTheBatchReportedIsHeldNoLongerThanTheFailureHold() {
        List<SecretRef> refs = List.of(ref("mcpulse/test/late"));
        resolver.prefetch(refs);
        assertThat(resolve("mcpulse/test/late")).isInstanceOf(SecretLookup.NotFound.class);
        standIn.put("mcpulse/test/late", "l-" + CANARY);

        resolver.prefetch(refs);
        assertThat(resolve("mcpulse/test/late")).as("held").isInstanceOf(SecretLookup.NotFound.class);
        assertThat(standIn.calls()).isEqualTo(1);

        clock.advance(TTL.dividedBy(2)); // the hold: half the TTL here, 30 s with any TTL of a minute or more
        resolver.prefetch(refs);
        assertThat(found(resolve("mcpulse/test/late"))).isEqualTo("l-" + CANARY);
        assertThat(standIn.calls("BatchGetSecretValue")).isEqualTo(2);
        assertThat(standIn.calls()).isEqualTo(2);
    }

    @Test
    void aSecretRotatedAfterTheBatchReadIsReadAfreshWhenItsServerRefusedIt() {
        standIn.put("mcpulse/test/rotated", "old-" + CANARY);
        resolver.prefetch(List.of(ref("mcpulse/test/rotated")));
        standIn.put("mcpulse/test/rotated", "new-" + CANARY);
        assertThat(found(resolve("mcpulse/test/rotated"))).isEqualTo("old-" + CANARY);

        assertThat(found(resolver.resolveFresh(ref("mcpulse/test/rotated")))).isEqualTo("new-" + CANARY);

        assertThat(found(resolve("mcpulse/test/rotated"))).isEqualTo("new-" + CANARY);
        assertThat(standIn.calls("GetSecretValue")).isEqualTo(1);
    }

    /** The fleet may name a secret by its ARN or partial ARN; the batch answers by name and ARN. */
    @Test
    void secretsNamedByArnOrPartialArnAreMatchedToTheBatchsAnswer() {
        standIn.put("mcpulse/test/by-arn", "a-" + CANARY);
        standIn.put("mcpulse/test/by-partial-arn", "p-" + CANARY);
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mcpulse/test/by-arn-AbCdEf";
        String partial = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mcpulse/test/by-partial-arn";

        resolver.prefetch(List.of(ref(arn), ref(partial)));

        assertThat(found(resolve(arn))).isEqualTo("a-" + CANARY);
        assertThat(found(resolve(partial))).isEqualTo("p-" + CANARY);
        assertThat(standIn.calls()).isEqualTo(1);
    }

    private static String found(SecretLookup lookup) {
        assertThat(lookup).isInstanceOf(SecretLookup.Found.class);
        return ((SecretLookup.Found) lookup).value().reveal();
    }
}
