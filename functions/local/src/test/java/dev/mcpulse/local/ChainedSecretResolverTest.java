package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.secrets.LocalSecretResolver;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainedSecretResolverTest {

    private final SecretResolver demo = ref -> switch (ref.secretId()) {
        case "mcpulse/demo/token" -> new SecretLookup.Found(new dev.mcpulse.domain.endpoint.SecretValue("demo-value"));
        case "mcpulse/demo/broken" -> new SecretLookup.Unavailable("demo store down");
        default -> new SecretLookup.NotFound("not a demo secret");
    };
    private final SecretResolver user = new LocalSecretResolver(
            Map.of("MCPULSE_SECRET_TEAM_TOKEN", "user-value", "MCPULSE_SECRET_MCPULSE_DEMO_TOKEN", "user-override"),
            Optional.empty());
    private final ChainedSecretResolver chained = new ChainedSecretResolver(demo, user);

    @Test
    void theDemoAnswersItsOwnSecretsAndTheUserEveryOther() {
        assertThat(chained.resolve(ref("mcpulse/demo/token"))).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("demo-value"));
        assertThat(chained.resolve(ref("team/token"))).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("user-value"));
    }

    @Test
    void aSecretNobodyHasIsReportedByTheUsersResolverAndAFailureIsNotPassedOn() {
        assertThat(chained.resolve(ref("team/missing"))).isInstanceOfSatisfying(SecretLookup.NotFound.class,
                missing -> assertThat(missing.reason()).contains("MCPULSE_SECRET_TEAM_MISSING"));
        assertThat(chained.resolve(ref("mcpulse/demo/broken"))).isInstanceOf(SecretLookup.Unavailable.class);
    }

    private static SecretRef ref(String id) {
        return new SecretRef(id, Optional.empty());
    }
}
