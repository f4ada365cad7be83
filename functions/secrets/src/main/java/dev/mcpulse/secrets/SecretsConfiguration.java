package dev.mcpulse.secrets;

import static dev.mcpulse.aws.AwsClientSettings.require;

import dev.mcpulse.aws.AwsClientProperties;
import dev.mcpulse.aws.AwsClientSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of secret resolution ({@code mcpulse.secrets.*}). {@code source: aws} (default) reads Secrets Manager and
 * Parameter Store, with the client properties every AWS adapter shares; {@code source: local} reads environment
 * variables and the optional {@code file}. {@link #settings()} validates them, once, when the resolver's beans are
 * built. A plain bean, so tests build it without Micronaut.
 */
@ConfigurationProperties(SecretsConfiguration.PREFIX)
public class SecretsConfiguration extends AwsClientProperties {

    public static final String PREFIX = "mcpulse.secrets";
    /**
     * An hour, the AWS caching library's own default. Reads are billed per call, and a warm probe container meets a
     * given secret only every few cycles (any container gets any shard), so a TTL of a few intervals expired between
     * two meetings and saved little (docs/cost.md). A longer TTL does not delay a rotation (a server's refusal of the
     * cached value makes the prober read the secret again at once), nor hide an outage (a failed lookup is held 30 s
     * at most). What it does delay is a secret deleted or a read permission revoked while a value is cached: it shows
     * as {@code auth_missing} up to this long later (the endpoint is probed with the old value meanwhile). Longer
     * than an hour buys little: the cost model takes a probe container to be replaced about hourly, and a new one
     * reads every secret it meets.
     */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);

    private String source = "aws";
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private Path file;
    private URI parameterStoreEndpoint;

    public SecretsConfiguration() {
        super(PREFIX, 3, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    /** The validated settings; throws naming the first bad property. */
    public SecretsSettings settings() {
        require("aws".equals(source) || "local".equals(source), PREFIX, "source", "aws or local");
        require(cacheTtl != null && cacheTtl.isPositive(), PREFIX, "cache-ttl",
                "a positive duration, such as 15m");
        AwsClientSettings client = clientSettings();
        return new SecretsSettings(source, cacheTtl, Optional.ofNullable(file), client,
                parameterStoreEndpoint == null ? client : client.withEndpoint(parameterStoreEndpoint));
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    /**
     * How long a secret is cached at most (it is read again after a random time between half of it and all of it).
     * A rotated secret does not wait for it; a deleted secret or a revoked read permission does (see
     * {@link #DEFAULT_CACHE_TTL}).
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

    /**
     * Where Parameter Store is reached, when not where {@code endpoint} says (which otherwise serves both, as one
     * LocalStack does): for emulators and stand-ins only.
     */
    public Optional<URI> getParameterStoreEndpoint() {
        return Optional.ofNullable(parameterStoreEndpoint);
    }

    public void setParameterStoreEndpoint(URI parameterStoreEndpoint) {
        this.parameterStoreEndpoint = parameterStoreEndpoint;
    }
}
