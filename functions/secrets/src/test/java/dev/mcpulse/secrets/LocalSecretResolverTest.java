package dev.mcpulse.secrets;

import static dev.mcpulse.secrets.SecretResolverContract.CANARY;
import static dev.mcpulse.secrets.SecretResolverContract.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the local resolver does: the naming rule, env over file, YAML mappings, file edits, bad files. */
class LocalSecretResolverTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentVariableNameFollowsTheDocumentedRule() {
        assertThat(LocalSecretResolver.environmentVariable("mcpulse/demo/token")).isEqualTo("MCPULSE_SECRET_MCPULSE_DEMO_TOKEN");
        assertThat(LocalSecretResolver.environmentVariable("prod.github-token@team+x=y"))
                .isEqualTo("MCPULSE_SECRET_PROD_GITHUB_TOKEN_TEAM_X_Y");
    }

    @Test
    void anEnvironmentVariableWinsOverTheFile() throws IOException {
        Path file = write("mcpulse/demo/token: from-file\n");
        var resolver = new LocalSecretResolver(Map.of("MCPULSE_SECRET_MCPULSE_DEMO_TOKEN", "from-env"), Optional.of(file));

        assertThat(revealed(resolver.resolve(ref("mcpulse/demo/token")))).isEqualTo("from-env");
    }

    @Test
    void aYamlMappingInTheFileServesJsonStyleKeys() throws IOException {
        Path file = write("mcpulse/demo/crm:\n  apiKey: k-456\n  port: 8443\n  nested: {a: b}\n");
        var resolver = new LocalSecretResolver(Map.of(), Optional.of(file));

        assertThat(revealed(resolver.resolve(ref("mcpulse/demo/crm", "apiKey")))).isEqualTo("k-456");
        assertThat(revealed(resolver.resolve(ref("mcpulse/demo/crm", "port")))).isEqualTo("8443");
        assertThat(resolver.resolve(ref("mcpulse/demo/crm", "nested"))).isInstanceOf(SecretLookup.Empty.class);
        assertThat(resolver.resolve(ref("mcpulse/demo/crm", "absent"))).isInstanceOf(SecretLookup.Empty.class);
        assertThat(resolver.resolve(ref("mcpulse/demo/crm"))).isEqualTo(new SecretLookup.Empty(
                "secret mcpulse/demo/crm holds keys, and the reference names none"));
    }

    @Test
    void aNullValueIsEmptyAndAnAbsentIdIsNotFoundNamingBothPlaces() throws IOException {
        Path file = write("mcpulse/demo/blank:\n");
        var resolver = new LocalSecretResolver(Map.of(), Optional.of(file));

        assertThat(resolver.resolve(ref("mcpulse/demo/blank"))).isInstanceOf(SecretLookup.Empty.class);
        assertThat(resolver.resolve(ref("mcpulse/demo/none"))).isEqualTo(new SecretLookup.NotFound(
                "secret mcpulse/demo/none is neither in environment variable MCPULSE_SECRET_MCPULSE_DEMO_NONE nor in the secrets file "
                        + file));
    }

    @Test
    void anEditedFileIsReadAgain() throws IOException {
        Path file = write("mcpulse/demo/token: first\n");
        var resolver = new LocalSecretResolver(Map.of(), Optional.of(file));
        assertThat(revealed(resolver.resolve(ref("mcpulse/demo/token")))).isEqualTo("first");

        Files.writeString(file, "mcpulse/demo/token: second\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(revealed(resolver.resolve(ref("mcpulse/demo/token")))).isEqualTo("second");
    }

    @Test
    void aBrokenOrMissingFileIsUnavailableAndItsContentIsNeverQuoted() throws IOException {
        Path broken = write("mcpulse/demo/token: " + CANARY + "\n  : [unbalanced " + CANARY + "\n");
        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "- " + CANARY + "\n");
        Path missing = dir.resolve("missing.yaml");

        SecretLookup fromBroken = new LocalSecretResolver(Map.of(), Optional.of(broken)).resolve(ref("mcpulse/demo/token"));
        SecretLookup fromList = new LocalSecretResolver(Map.of(), Optional.of(list)).resolve(ref("mcpulse/demo/token"));
        SecretLookup fromMissing = new LocalSecretResolver(Map.of(), Optional.of(missing)).resolve(ref("mcpulse/demo/token"));

        assertThat(fromBroken).isInstanceOfSatisfying(SecretLookup.Unavailable.class,
                u -> assertThat(u.reason()).startsWith("the secrets file " + broken + " is not valid YAML").doesNotContain(CANARY));
        assertThat(fromList).isEqualTo(new SecretLookup.Unavailable(
                "the secrets file " + list + " is not a YAML mapping from secret id to value"));
        assertThat(fromMissing).isEqualTo(new SecretLookup.Unavailable(
                "the secrets file " + missing + " cannot be read (NoSuchFileException)"));
    }

    @Test
    void withoutAFileAMissingVariableIsNotFound() {
        assertThat(new LocalSecretResolver(Map.of(), Optional.empty()).resolve(ref("a/b"))).isEqualTo(new SecretLookup.NotFound(
                "secret a/b is not set: no environment variable MCPULSE_SECRET_A_B and no secrets file configured"));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("secrets.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String revealed(SecretLookup lookup) {
        assertThat(lookup).isInstanceOf(SecretLookup.Found.class);
        return ((SecretLookup.Found) lookup).value().reveal();
    }
}
