package dev.mcpulse.secrets;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Secrets for the local runner, from environment variables and an optional secrets file kept outside the
 * repository. No AWS account is needed, and JSON secrets with a key work as they do in Secrets Manager.
 *
 * <p>Naming rule: secret id {@code mcpulse/demo/token} is read from {@code MCPULSE_SECRET_MCPULSE_DEMO_TOKEN} — the
 * prefix {@code MCPULSE_SECRET_}, then the id in upper case with every character other than A-Z and 0-9 turned into
 * {@code _}. The variable wins over the file. The file is a YAML mapping from secret id to value; a value is a
 * string (a JSON object in a string works with a key, as in AWS) or a mapping of keys to values:
 *
 * <pre>
 * mcpulse/demo/token: s3cr3t
 * mcpulse/demo/payments: '{"apiKey": "k-123"}'
 * mcpulse/demo/crm:
 *   apiKey: k-456
 * </pre>
 *
 * The file is read again when it changes, so an edited secret is used from the next probe on.
 */
public final class LocalSecretResolver implements SecretResolver {

    public static final String ENV_PREFIX = "MCPULSE_SECRET_";

    private final Map<String, String> environment;
    private final Optional<Path> secretsFile;
    private FileTime loadedVersion;
    private Map<?, ?> loaded = Map.of();

    /** @param environment the process environment ({@code System.getenv()}) or a map standing in for it */
    public LocalSecretResolver(Map<String, String> environment, Optional<Path> secretsFile) {
        this.environment = Map.copyOf(environment);
        this.secretsFile = secretsFile;
    }

    /** The environment variable that holds a secret id's value. */
    public static String environmentVariable(String secretId) {
        return ENV_PREFIX + secretId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public SecretLookup resolve(SecretRef ref) {
        String variable = environmentVariable(ref.secretId());
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null) {
            return SecretText.extract(ref, fromEnvironment);
        }
        if (secretsFile.isEmpty()) {
            return new SecretLookup.NotFound("secret " + ref.secretId() + " is not set: no environment variable "
                    + variable + " and no secrets file configured");
        }
        Path file = secretsFile.get();
        Map<?, ?> secrets;
        try {
            secrets = secrets(file);
        } catch (UnreadableFile e) {
            return new SecretLookup.Unavailable("the secrets file " + file + " " + e.getMessage());
        }
        Object value = secrets.get(ref.secretId());
        if (value == null) {
            return secrets.containsKey(ref.secretId())
                    ? new SecretLookup.Empty("secret " + ref.secretId() + " is empty in the secrets file " + file)
                    : new SecretLookup.NotFound("secret " + ref.secretId() + " is neither in environment variable "
                            + variable + " nor in the secrets file " + file);
        }
        return switch (value) {
            case Map<?, ?> keys -> SecretText.extractFromMap(ref, keys);
            case String text -> SecretText.extract(ref, text);
            case Number number -> SecretText.extract(ref, String.valueOf(number));
            default -> new SecretLookup.Empty("secret " + ref.secretId() + " in the secrets file " + file
                    + " is neither text nor a mapping of keys");
        };
    }

    private synchronized Map<?, ?> secrets(Path file) throws UnreadableFile {
        FileTime version;
        try {
            version = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UnreadableFile("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!version.equals(loadedVersion)) {
            loaded = parse(file);
            loadedVersion = version;
        }
        return loaded;
    }

    /** Errors say where, never what: a YAML error message can quote the line, which may hold a secret. */
    private static Map<?, ?> parse(Path file) throws UnreadableFile {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (document == null) {
                return Map.of();
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new UnreadableFile("is not a YAML mapping from secret id to value");
            }
            return map;
        } catch (MarkedYAMLException e) {
            throw new UnreadableFile(e.getProblemMark() == null ? "is not valid YAML"
                    : "is not valid YAML (line " + (e.getProblemMark().getLine() + 1) + ")");
        } catch (YAMLException e) {
            throw new UnreadableFile("is not valid YAML");
        } catch (IOException e) {
            throw new UnreadableFile("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static final class UnreadableFile extends Exception {
        UnreadableFile(String why) {
            super(why, null, false, false);
        }
    }
}
