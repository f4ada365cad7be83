package dev.mcpulse.secrets;

import dev.mcpulse.aws.AwsClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Secret resolution's validated settings: one bean, made from {@link SecretsConfiguration} at start. {@code client}
 * builds the Secrets Manager client, {@code parameterStoreClient} Parameter Store's (the same but for an endpoint set
 * for it alone).
 */
public record SecretsSettings(String source, Duration cacheTtl, Optional<Path> file, AwsClientSettings client,
                              AwsClientSettings parameterStoreClient) {
}
