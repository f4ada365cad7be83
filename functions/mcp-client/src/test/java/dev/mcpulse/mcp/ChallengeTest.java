package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void readsSchemeErrorAndScope() {
        Challenge challenge = Challenge.parse(Optional.of("Bearer realm=\"mcp\", error=\"insufficient_scope\", scope=\"tools:read files:write\""));

        assertThat(challenge.scheme()).contains("Bearer");
        assertThat(challenge.error()).contains("insufficient_scope");
        assertThat(challenge.scope()).contains("tools:read files:write");
        assertThat(challenge.insufficientScope()).isTrue();
    }

    @Test
    void tokenParametersAndUnquotedValuesWork() {
        Challenge challenge = Challenge.parse(Optional.of("Bearer error=invalid_token"));

        assertThat(challenge.error()).contains("invalid_token");
        assertThat(challenge.insufficientScope()).isFalse();
    }

    @Test
    void anErrorThatIsNotAPlainCodeIsDropped() {
        Challenge challenge = Challenge.parse(Optional.of("Bearer error=\"Bearer abc.def.ghi leaked\""));

        assertThat(challenge.scheme()).contains("Bearer");
        assertThat(challenge.error()).isEmpty();
    }

    @Test
    void missingOrGarbageHeadersGiveNothing() {
        assertThat(Challenge.parse(Optional.empty())).isEqualTo(Challenge.none());
        assertThat(Challenge.parse(Optional.of("   ")).scheme()).isEmpty();
        assertThat(Challenge.parse(Optional.of("x".repeat(10_000))).scheme()).isEmpty();
    }
}
