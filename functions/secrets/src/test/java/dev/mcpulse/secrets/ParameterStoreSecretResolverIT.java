package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import dev.mcpulse.testsupport.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The Parameter Store resolver with the real SDK client, against a loopback stand-in that speaks the Systems Manager
 * protocol. The cache it shares with Secrets Manager's resolver is tested there ({@link SecretsManagerSecretResolverIT});
 * here, what is Parameter Store's own: the contract every resolver keeps, each answer's result, and the calls a
 * shard's parameters cost.
 */
class ParameterStoreSecretResolverIT extends SecretResolverContract {

    private static final int ATTEMPTS = SecretsManagerSecretResolverIT.ATTEMPTS;
    private static final Duration TTL = Duration.ofMillis(300);

    private final ManualClock clock = new ManualClock();
    private ParameterStoreStandIn standIn;
    private SsmClient client;
    private ParameterStoreSecretResolver resolver;

    @BeforeEach
    void start() throws IOException {
        standIn = new ParameterStoreStandIn();
        // the Secrets Manager test's quick retries, with Parameter Store at this stand-in
        SecretsConfiguration config = SecretsManagerSecretResolverIT.configuration(standIn.endpoint());
        config.setParameterStoreEndpoint(standIn.endpoint());
        client = ParameterStoreClients.build(config.settings().parameterStoreClient());
        resolver = new ParameterStoreSecretResolver(client, TTL, clock);
    }

    @AfterEach
    void stop() {
        resolver.close();
        client.close();
        standIn.close();
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
        assertThat(String.valueOf(lookup)).doesNotContain(CANARY);
        return lookup;
    }

    @Test
    void aReferenceNamesItsParameterAfterSsmOrByItsArnAndItsValueIsReadDecrypted() {
        standIn.put("/mcpulse/prod/github", "ghs-" + CANARY);
        String arn = ParameterStoreStandIn.arn("/mcpulse/prod/github");

        assertThat(resolve("ssm:/mcpulse/prod/github")).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("ghs-" + CANARY));
        assertThat(resolve(arn)).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("ghs-" + CANARY));
        assertThat(standIn.count("GetParameter", "/mcpulse/prod/github")).isEqualTo(1);
        assertThat(standIn.count("GetParameter", arn)).isEqualTo(1);
        assertThat(standIn.everyCallDecrypted()).isTrue();
    }

    @Test
    void aMissingParameterIsNotFoundInParameterStoresWords() {
        assertThat(resolve("ssm:/mcpulse/test/absent")).isEqualTo(new SecretLookup.NotFound(
                "secret ssm:/mcpulse/test/absent does not exist in Parameter Store (ParameterNotFound)"));
    }

    /** Each error Parameter Store documents for GetParameter, by status and type, to its result. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, ParameterNotFound, NotFound",
            "400, ParameterVersionNotFound, NotFound",
            "400, AccessDeniedException, AccessDenied",
            "400, InvalidKeyId, AccessDenied",
            "403, ExpiredTokenException, AccessDenied",
            "400, ThrottlingException, Unavailable",
            "500, InternalServerError, Unavailable"})
    void everyErrorMapsToItsOwnResult(int status, String type, String expected) {
        standIn.put("/mcpulse/test/faulty", "x-" + CANARY);
        standIn.fail("/mcpulse/test/faulty", status, type);

        SecretLookup lookup = resolve("ssm:/mcpulse/test/faulty");

        assertThat(lookup.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(String.valueOf(lookup)).contains("ssm:/mcpulse/test/faulty").contains(type);
    }

    @Test
    void throttlingIsRetriedByTheSdkThenReportedUnavailable() {
        standIn.fail("/mcpulse/test/busy", 400, "ThrottlingException");

        assertThat(resolve("ssm:/mcpulse/test/busy")).isEqualTo(new SecretLookup.Unavailable(
                "Parameter Store throttled the read of secret ssm:/mcpulse/test/busy (ThrottlingException, HTTP 400)"));
        assertThat(standIn.count("GetParameter", "/mcpulse/test/busy")).isEqualTo(ATTEMPTS);
    }

    /** GetParameters takes 10 names: a shard's parameters cost one call per 10 cold, and none warm. */
    @ParameterizedTest(name = "{0} parameters -> {1} calls")
    @CsvSource({"1, 1", "10, 1", "11, 2", "25, 3"})
    void aShardsParametersCostOneCallPerTenOnAColdCacheAndNoneOnAWarmOne(int parameters, int calls) {
        List<SecretRef> refs = IntStream.range(0, parameters).mapToObj(i -> "/mcpulse/shard/p" + i)
                .peek(name -> standIn.put(name, "v-" + CANARY))
                .map(name -> ref("ssm:" + name)).toList();

        resolver.prefetch(refs);
        refs.forEach(ref -> assertThat(resolver.resolve(ref)).isInstanceOf(SecretLookup.Found.class));
        resolver.prefetch(refs);

        assertThat(standIn.calls("GetParameters")).isEqualTo(calls);
        assertThat(standIn.calls("GetParameter")).isZero();
    }

    @Test
    void aParameterTheBatchDidNotFindIsNotFoundInTheWordsOfASingleReadAndTheOthersResolve() {
        standIn.put("/mcpulse/batch/here", "h-" + CANARY);

        resolver.prefetch(List.of(ref("ssm:/mcpulse/batch/here"), ref("ssm:/mcpulse/batch/gone")));

        assertThat(resolve("ssm:/mcpulse/batch/gone")).isEqualTo(new SecretLookup.NotFound(
                "secret ssm:/mcpulse/batch/gone does not exist in Parameter Store (ParameterNotFound)"));
        assertThat(resolve("ssm:/mcpulse/batch/here")).isInstanceOf(SecretLookup.Found.class);
        assertThat(standIn.calls("GetParameters")).isEqualTo(1);
        assertThat(standIn.calls("GetParameter")).isZero();
    }

    /**
     * IAM refuses the whole GetParameters call when one of its parameters is not the role's to read: each is then read
     * alone, so the others resolve and the refused one is denied by name.
     */
    @Test
    void aBatchRefusedForOneParameterFallsBackToOneReadEachSoOnlyThatOneIsDenied() {
        standIn.put("/mcpulse/batch/mine", "m-" + CANARY);
        standIn.put("/other/secret", "o-" + CANARY);
        standIn.fail("/other/secret", 400, "AccessDeniedException");

        resolver.prefetch(List.of(ref("ssm:/mcpulse/batch/mine"), ref("ssm:/other/secret")));

        assertThat(resolve("ssm:/mcpulse/batch/mine")).isInstanceOf(SecretLookup.Found.class);
        assertThat(resolve("ssm:/other/secret")).isEqualTo(new SecretLookup.AccessDenied(
                "reading secret ssm:/other/secret was denied (AccessDeniedException, HTTP 400)"));
        assertThat(standIn.calls("GetParameters")).isEqualTo(1);
        assertThat(standIn.calls("GetParameter")).isEqualTo(2);
    }

    @Test
    void aParameterIsReadAgainOnceTheCacheTtlHasPassedAndNotBefore() {
        standIn.put("/mcpulse/test/rotated", "old-" + CANARY);
        resolve("ssm:/mcpulse/test/rotated");
        standIn.put("/mcpulse/test/rotated", "new-" + CANARY);

        assertThat(resolve("ssm:/mcpulse/test/rotated")).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("old-" + CANARY));
        clock.advance(TTL);
        assertThat(resolve("ssm:/mcpulse/test/rotated")).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("new-" + CANARY));
        assertThat(standIn.count("GetParameter", "/mcpulse/test/rotated")).isEqualTo(2);
    }
}
