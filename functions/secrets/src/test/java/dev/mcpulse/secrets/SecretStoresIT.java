package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The resolver the functions get on AWS: each reference read from the store it names, through the real SDK clients,
 * against loopback stand-ins of both stores.
 */
class SecretStoresIT {

    private SecretsManagerStandIn secretsManager;
    private ParameterStoreStandIn parameterStore;
    private SecretsManagerClient secretsManagerClient;
    private SsmClient parameterStoreClient;
    private final AtomicInteger parameterStoresBuilt = new AtomicInteger();
    private SecretStores stores;

    @BeforeEach
    void start() throws IOException {
        secretsManager = new SecretsManagerStandIn();
        parameterStore = new ParameterStoreStandIn();
        SecretsConfiguration config = new SecretsConfiguration();
        config.setEndpoint(secretsManager.endpoint());
        config.setParameterStoreEndpoint(parameterStore.endpoint());
        SecretsSettings settings = config.settings();
        secretsManagerClient = SecretsManagerClients.build(settings.client());
        parameterStoreClient = ParameterStoreClients.build(settings.parameterStoreClient());
        Duration ttl = Duration.ofMinutes(5);
        stores = new SecretStores(new SecretsManagerSecretResolver(secretsManagerClient, ttl, Clock.systemUTC()), () -> {
            parameterStoresBuilt.incrementAndGet();
            return new ParameterStoreSecretResolver(parameterStoreClient, ttl, Clock.systemUTC());
        });
    }

    @AfterEach
    void stop() {
        stores.close();
        secretsManagerClient.close();
        parameterStoreClient.close();
        secretsManager.close();
        parameterStore.close();
    }

    private static SecretRef ref(String id) {
        return new SecretRef(id, Optional.empty());
    }

    private static SecretRef ref(String id, String key) {
        return new SecretRef(id, Optional.of(key));
    }

    @Test
    void aParameterIsReadFromParameterStoreAndASecretFromSecretsManager() {
        secretsManager.put("mcpulse/prod/jira", "from-secrets-manager");
        parameterStore.put("/mcpulse/prod/jira", "{\"token\":\"from-parameter-store\"}");

        assertThat(stores.resolve(ref("mcpulse/prod/jira"))).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("from-secrets-manager"));
        assertThat(stores.resolve(ref("ssm:/mcpulse/prod/jira", "token"))).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("from-parameter-store"));
        assertThat(stores.resolveFresh(ref("ssm:/mcpulse/prod/jira", "token"))).isInstanceOf(SecretLookup.Found.class);
        assertThat(secretsManager.calls()).isEqualTo(1);
        assertThat(parameterStore.calls("GetParameter")).isEqualTo(2);
    }

    @Test
    void aShardNamingBothStoresReadsEachAheadInItsOwnCalls() {
        List<SecretRef> refs = IntStream.range(0, 12).mapToObj(i -> {
            secretsManager.put("mcpulse/shard/s" + i, "s-" + i);
            parameterStore.put("/mcpulse/shard/p" + i, "p-" + i);
            return List.of(ref("mcpulse/shard/s" + i), ref("ssm:/mcpulse/shard/p" + i));
        }).flatMap(List::stream).toList();

        stores.prefetch(refs);
        refs.forEach(ref -> assertThat(stores.resolve(ref)).isInstanceOf(SecretLookup.Found.class));

        assertThat(secretsManager.calls("BatchGetSecretValue")).isEqualTo(1);
        assertThat(secretsManager.calls("GetSecretValue")).isZero();
        assertThat(parameterStore.calls("GetParameters")).isEqualTo(2);
        assertThat(parameterStore.calls("GetParameter")).isZero();
    }

    /**
     * A Parameter Store client that cannot be built (here the factory throws, as the SDK does without a region) is
     * each lookup's answer, as an outage is, not an exception; Secrets Manager's secrets still resolve, and the next
     * lookup tries to build it again.
     */
    @Test
    void aParameterStoreThatCannotBeBuiltIsUnavailableAndTriedAgain() {
        secretsManager.put("mcpulse/prod/github", "g");
        AtomicInteger attempts = new AtomicInteger();
        try (SecretStores broken = new SecretStores(new SecretsManagerSecretResolver(secretsManagerClient,
                Duration.ofMinutes(5), Clock.systemUTC()), () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("Unable to load region");
                })) {
            assertThat(broken.resolve(ref("ssm:/mcpulse/prod/github"))).isEqualTo(new SecretLookup.Unavailable(
                    "Parameter Store could not be reached for secret ssm:/mcpulse/prod/github (its client could not be"
                            + " built: IllegalStateException)"));
            broken.prefetch(List.of(ref("ssm:/mcpulse/prod/github"), ref("mcpulse/prod/github")));
            assertThat(broken.resolve(ref("mcpulse/prod/github"))).isInstanceOf(SecretLookup.Found.class);
            assertThat(attempts).hasValue(2);
        }
    }

    /** A container whose fleet names no parameter builds no Parameter Store client (its cold start would pay for it). */
    @Test
    void parameterStoreIsBuiltOnlyWhenAReferenceNamesAParameterAndThenOnce() {
        secretsManager.put("mcpulse/prod/github", "g");
        parameterStore.put("/mcpulse/prod/github", "p");

        stores.prefetch(List.of(ref("mcpulse/prod/github")));
        stores.resolve(ref("mcpulse/prod/github"));
        assertThat(parameterStoresBuilt).hasValue(0);

        stores.prefetch(List.of(ref("ssm:/mcpulse/prod/github")));
        stores.resolve(ref("ssm:/mcpulse/prod/github"));
        assertThat(parameterStoresBuilt).hasValue(1);
    }
}
