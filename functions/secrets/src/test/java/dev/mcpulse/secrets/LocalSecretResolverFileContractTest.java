package dev.mcpulse.secrets;

import dev.mcpulse.domain.port.SecretResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** The resolver contract against the local resolver reading a secrets file. */
class LocalSecretResolverFileContractTest extends SecretResolverContract {

    @TempDir
    Path dir;

    private final Map<String, String> planted = new LinkedHashMap<>();

    @Override
    protected void plant(String secretId, String text) {
        planted.put(secretId, text);
    }

    @Override
    protected SecretResolver resolver() {
        Path file = dir.resolve("secrets.yaml");
        DumperOptions options = new DumperOptions();
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.SINGLE_QUOTED);
        try {
            Files.writeString(file, new Yaml(options).dump(planted));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LocalSecretResolver(Map.of(), Optional.of(file));
    }
}
