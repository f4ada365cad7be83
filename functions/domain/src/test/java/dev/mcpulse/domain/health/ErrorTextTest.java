package dev.mcpulse.domain.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mcpulse.domain.endpoint.SecretShapes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    static final String SECRET = "s3cr3t-canary-value";

    @Test
    void theSecretAndTokenShapedTextAreScrubbedAndTheResultIsShort() {
        var outcome = new ProbeOutcome.ToolError("get_me", Optional.empty(),
                "token " + SECRET + " rejected; also saw ghp_Zq8xLw2pVn7rTs4kYb1mCd9fGh3jKl5NoP6q and "
                        + "Authorization: Bearer abc.def.ghi-123456 " + "x".repeat(500));

        String text = ErrorText.of(outcome, List.of(SECRET));

        assertThat(text).doesNotContain(SECRET).doesNotContain("ghp_").doesNotContain("abc.def.ghi");
        assertThat(text).startsWith("tool get_me failed (isError): token [redacted] rejected");
        assertThat(text).hasSizeLessThanOrEqualTo(ErrorText.MAX_LENGTH).endsWith("…");
    }

    @Test
    void ordinaryMessagesAreKept() {
        var outcome = new ProbeOutcome.HttpError(ProbeStep.TOOLS_LIST, 502, "Bad Gateway from upstream mcp-gateway-2");

        assertThat(ErrorText.of(outcome, List.of()))
                .isEqualTo("HTTP 502 during tools_list: Bad Gateway from upstream mcp-gateway-2");
    }

    @Test
    void controlCharactersAreFlattened() {
        assertThat(ErrorText.redact("line1\nline2\u0000", List.of())).isEqualTo("line1 line2 ");
    }

    @Test
    void secretReferencesAreNamesButPastedTokensAreNot() {
        assertThat(SecretShapes.isSecretReference("mcpulse/prod/github-token")).isTrue();
        assertThat(SecretShapes.isSecretReference("arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbC")).isTrue();
        assertThat(SecretShapes.looksLikeCredential("mcpulse/prod/github-token")).isFalse();
        assertThat(SecretShapes.looksLikeCredential("MyService/Production2/ApiToken")).isFalse();
        assertThat(SecretShapes.looksLikeCredential("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig")).isTrue();
        assertThat(SecretShapes.looksLikeCredential("sk-proj-abcdefghijklmnop1234")).isTrue();
        assertThat(SecretShapes.looksLikeCredential("Ab3dEf6hIj9kLm2nOp5qRs8tUv")).isTrue();
    }

    @Test
    void longUntrustedRunsAreScrubbedInLinearTime() {
        // Runs that a token alternative must scan before it fails; tried at every position they took quadratic time
        // (a 40,000-letter run took a minute). A quarter of a megabyte each would take over half an hour that way.
        List<String> runs = List.of("z", "eyJ", "0123456789abcdef", "Ab", "sk-").stream()
                .map(unit -> unit.repeat(250_000 / unit.length()) + "Z").toList();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String run : runs) {
                assertThat(ErrorText.redact(run, List.of())).hasSizeLessThanOrEqualTo(ErrorText.MAX_LENGTH);
                SecretShapes.looksLikeCredential(run);
            }
        });
        assertThat(SecretShapes.scrubTokens("x=" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv" + " y")).isEqualTo("x=[redacted] y");
        assertThat(SecretShapes.scrubTokens("AKIAABCDEFGHIJKLMNOPAb3dEf6hIj9kLm2nOp5qRs8tUv")).isEqualTo("[redacted][redacted]");
    }

    @Test
    void onlyTheHeadOfAHugeTextIsScrubbedAndARunCutThroughIsDropped() {
        String huge = "upstream said: " + "A1b".repeat(1_000_000);

        assertThat(ErrorText.redact(huge, List.of())).isEqualTo("upstream said: ");
        assertThat(ErrorText.redact("word ".repeat(2_000), List.of())).hasSize(ErrorText.MAX_LENGTH).endsWith("…");
        assertThat(ErrorText.redact("x".repeat(10_000) + SECRET, List.of(SECRET))).doesNotContain("s3cr3t");
    }
}
