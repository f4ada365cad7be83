package dev.mcpulse.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn-lint sam-template.yaml} passes: no error and no warning (it expands the SAM transform, then checks every
 * resource against the CloudFormation specification). Skipped where cfn-lint is not installed.
 */
class CfnLintTest {

    static final Duration LINT_TIMEOUT = Duration.ofMinutes(3);
    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(60);
    static final String INSTALL = "cfn-lint is not installed (not on PATH): pip install cfn-lint";

    @Test
    void theTemplatePassesCfnLint(@TempDir Path temp) throws Exception {
        SamTemplate sam = SamTemplate.load();
        Assumptions.assumeTrue(installed(temp), INSTALL);

        Path output = temp.resolve("cfn-lint.txt");
        Process lint = new ProcessBuilder("cfn-lint", "sam-template.yaml")
                .directory(sam.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = lint.waitFor(LINT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            lint.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("cfn-lint (pid %d) did not finish within %s; output so far:%n%s", lint.pid(), LINT_TIMEOUT, read(output));
        }

        assertThat(lint.exitValue()).as("cfn-lint sam-template.yaml exit code; its output:%n%s", read(output)).isZero();
    }

    /** cfn-lint on PATH answers --version; a pyenv shim without it installed answers 127. */
    static boolean installed(Path temp) throws InterruptedException {
        try {
            Process version = new ProcessBuilder(List.of("cfn-lint", "--version"))
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("cfn-lint-version.txt").toFile())
                    .start();
            if (!version.waitFor(VERSION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                version.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("cfn-lint --version did not answer within %s", VERSION_TIMEOUT);
            }
            return version.exitValue() != 127;
        } catch (IOException notOnPath) {
            return false;
        }
    }

    static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }
}
