package dev.mcpulse.secrets;

import static dev.mcpulse.aws.AwsClientSettings.require;

import dev.mcpulse.aws.AwsClientProperties;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of secret resolution ({@code mcpulse.secrets.*}). {@code source: aws} (default) reads Secrets Manager,
 * with the client properties every AWS adapter shares; {@code source: local} reads environment variables and the
 * optional {@code file}. {@link #settings()} validates them, once, when the resolver's beans are built. A plain
 * bean, so tests build it without Micronaut.
 */
@ConfigurationProperties(SecretsConfiguration.PREFIX)
public class SecretsConfiguration extends AwsClientProperties {

    public static final String PREFIX = "mcpulse.secrets";
    /**
     * Three cycles at the default interval: lookups are billed per call, and a rotation does not wait for it (a
     * refused cached value is read again at once, see SecretsManagerSecretResolver).
     */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(15);

    private String source = "aws";
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private Path file;

    public SecretsConfiguration() {
        super(PREFIX, 3, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    /** The validated settings; throws naming the first bad property. */
    public SecretsSettings settings() {
        require("aws".equals(source) || "local".equals(source), PREFIX, "source", "aws or local");
        require(cacheTtl != null && cacheTtl.isPositive(), PREFIX, "cache-ttl",
                "a positive duration, such as 15m");
        return new SecretsSettings(source, cacheTtl, Optional.ofNullable(file), clientSettings());
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    /**
     * How long a secret is cached (each entry refreshes after a random time between half of it and all of it).
     * Keep it shorter than the probe interval so that a rotated secret is used from the next cycle on.
     */
    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    /** The local secrets file (source local only); keep it outside the repository. */
    public Optional<Path> getFile() {
        return Optional.ofNullable(file);
    }

    public void setFile(Path file) {
        this.file = file;
    }
}
