package dev.mcpulse.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretShapesTest {

    /** Not a speed target: before the fix each of these took minutes to hours; now they take milliseconds. */
    private static final Duration NO_HANG = Duration.ofSeconds(5);

    @ParameterizedTest
    @ValueSource(strings = {"n", "eyJ", "Ab1", "a"})
    void aMegabyteRunIsJudgedWithoutHanging(String unit) {
        String text = unit.repeat(1024 * 1024 / unit.length());

        long started = System.nanoTime();
        boolean credential = SecretShapes.looksLikeCredential(text);
        String twice = text + " " + text;
        String scrubbed = SecretShapes.scrubTokens(twice);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(NO_HANG);
        assertThat(credential).isEqualTo(unit.equals("Ab1") || unit.equals("a"));
        assertThat(scrubbed.length() < twice.length()).as("scrubbed").isEqualTo(credential);
    }

    @Test
    void aMixedRunIsStillFoundInsideText() {
        assertThat(SecretShapes.looksLikeCredential("name: Zq8xLw2pVn7rTs4kYb1mCd9fGh3j here")).isTrue();
        assertThat(SecretShapes.looksLikeCredential("x eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0")).isTrue();
        assertThat(SecretShapes.scrubTokens("token=Zq8xLw2pVn7rTs4kYb1mCd9fGh3j;")).isEqualTo("token=[redacted];");
        assertThat(SecretShapes.looksLikeCredential("Payments MCP for the EU region, v2")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssm:/mcpulse/prod/github", "ssm:mcpulse-token",
            "arn:aws:ssm:eu-west-1:123456789012:parameter/mcpulse/prod/github"})
    void aParameterStoreReferenceIsASecretReferenceForParameterStore(String reference) {
        assertThat(SecretShapes.isSecretReference(reference)).isTrue();
        assertThat(SecretShapes.isParameterStoreReference(reference)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mcpulse/prod/github", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mcpulse/x-AbCdEf"})
    void aSecretsManagerReferenceIsNotParameterStores(String reference) {
        assertThat(SecretShapes.isSecretReference(reference)).isTrue();
        assertThat(SecretShapes.isParameterStoreReference(reference)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssm:", "ssm:/my secret", "ssm:/a:b", "ssm:mcpulse/prod/x",
            "arn:aws:ssm:eu-west-1:123456789012:document/x"})
    void aMalformedParameterReferenceIsNoReference(String reference) {
        assertThat(SecretShapes.isSecretReference(reference)).isFalse();
    }

    @Test
    void aParameterIsAskedForByItsNameWithoutTheSsmPrefixOrByItsArn() {
        assertThat(SecretShapes.parameterName("ssm:/mcpulse/prod/github")).isEqualTo("/mcpulse/prod/github");
        assertThat(SecretShapes.parameterName("arn:aws:ssm:eu-west-1:123456789012:parameter/mcpulse/x"))
                .isEqualTo("arn:aws:ssm:eu-west-1:123456789012:parameter/mcpulse/x");
    }
}
