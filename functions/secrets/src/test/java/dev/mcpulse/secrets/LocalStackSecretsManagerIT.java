package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import dev.mcpulse.domain.port.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The resolver contract against Secrets Manager in LocalStack, through the production client builder. Runs where
 * a Docker engine exists; elsewhere JUnit reports it skipped ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSecretsManagerIT {

    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices(Service.SECRETSMANAGER);

    private static SecretsConfiguration configuration() {
        SecretsConfiguration config = new SecretsConfiguration();
        config.setEndpoint(LOCALSTACK.getEndpoint());
        config.setRegion(LOCALSTACK.getRegion());
        config.setCacheTtl(Duration.ofSeconds(1));
        return config;
    }

    @Test
    void aSecretCreatedInLocalStackIsFoundAndAnUnknownOneIsNotFound() {
        String id = "mcpulse/localstack/" + UUID.randomUUID();
        try (SecretsManagerClient client = SecretsManagerClients.build(configuration().settings().client());
             var resolver = new SecretsManagerSecretResolver(client, configuration().settings().cacheTtl(), Clock.systemUTC())) {
            client.createSecret(b -> b.name(id).secretString("value"));

            assertThat(resolver.resolve(SecretResolverContract.ref(id))).isInstanceOf(SecretLookup.Found.class);
            assertThat(resolver.resolve(SecretResolverContract.ref(id + "-absent"))).isInstanceOf(SecretLookup.NotFound.class);
        }
    }

    @Nested
    class Contract extends SecretResolverContract {

        private final String prefix = "mcpulse/" + UUID.randomUUID() + "/";
        private final SecretsManagerClient client = SecretsManagerClients.build(configuration().settings().client());

        @Override
        protected void plant(String secretId, String text) {
            client.createSecret(b -> b.name(prefix + secretId).secretString(text));
        }

        @Override
        protected SecretResolver resolver() {
            SecretsManagerSecretResolver resolver =
                    new SecretsManagerSecretResolver(client, configuration().settings().cacheTtl(), Clock.systemUTC());
            // The contract names secrets without this test's prefix; the prefix keeps runs apart in one LocalStack.
            return ref -> {
                SecretLookup lookup = resolver.resolve(new dev.mcpulse.domain.endpoint.AuthRef.SecretRef(prefix + ref.secretId(), ref.jsonKey()));
                return switch (lookup) {
                    case SecretLookup.Found found -> found;
                    case SecretLookup.NotFound n -> new SecretLookup.NotFound(n.reason().replace(prefix, ""));
                    case SecretLookup.Empty e -> new SecretLookup.Empty(e.reason().replace(prefix, ""));
                    case SecretLookup.AccessDenied a -> new SecretLookup.AccessDenied(a.reason().replace(prefix, ""));
                    case SecretLookup.Unavailable u -> new SecretLookup.Unavailable(u.reason().replace(prefix, ""));
                };
            };
        }
    }
}
