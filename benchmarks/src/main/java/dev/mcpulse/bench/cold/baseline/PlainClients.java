package dev.mcpulse.bench.cold.baseline;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients the baseline handlers build, configured as mcpulse configures its own (the JDK's URL-connection
 * HTTP stack, the standard retry strategy with the same attempts and pauses, an attempt deadline; endpoint
 * overrides from the same environment variables), so that the baseline pays the same SDK start-up.
 */
final class PlainClients {

    private PlainClients() {
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    static Optional<URI> endpoint(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()).map(URI::create);
    }

    static DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(5)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(5)))
                                .throttlingBackoffStrategy(
                                        BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(5)))
                                .build())
                        .apiCallAttemptTimeout(Duration.ofSeconds(5))
                        .build());
        endpoint("MCPULSE_STORAGE_DYNAMODB_ENDPOINT").ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .region(Region.US_EAST_1));
        return builder.build();
    }

    static SqsClient sqs() {
        var builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        endpoint("MCPULSE_SQS_ENDPOINT").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static EventBridgeClient eventBridge() {
        var builder = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create());
        endpoint("MCPULSE_EVENTBRIDGE_ENDPOINT").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The table's fleet partitions (infra/table/README.md): an endpoint's items live under FLEET#<CRC-32 of its id mod 16>. */
    static final int FLEET_PARTITIONS = 16;

    static String fleetPartition(String endpointId) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(endpointId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "FLEET#" + crc.getValue() % FLEET_PARTITIONS;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** A JSON string literal. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
