package dev.mcpulse.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.mcpulse.storage.dynamodb.LegacyFleetMigration;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running inside this JVM (no port, no Docker), with the mcpulse table created from
 * infra/table/mcpulse-table.json. In memory by default; with a data directory, the table survives restarts.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final AmazonDynamoDBLocal dynamoDbLocal;
    private final DynamoDbClient client;
    private final String tableName;

    private EmbeddedDynamoDb(AmazonDynamoDBLocal dynamoDbLocal, String tableName) {
        this.dynamoDbLocal = dynamoDbLocal;
        this.client = dynamoDbLocal.dynamoDbClient();
        this.tableName = tableName;
        TableSetup.createIfMissing(client, tableName);
    }

    /** An in-memory database with a freshly named table: each caller gets its own, so tests never share state. */
    public static EmbeddedDynamoDb inMemory() {
        return new EmbeddedDynamoDb(DynamoDBEmbedded.create(true), "mcpulse-" + UUID.randomUUID());
    }

    /** A database kept in {@code directory}, with the table {@code tableName} created if it is missing. */
    public static EmbeddedDynamoDb inDirectory(Path directory, String tableName) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        File database = directory.resolve("mcpulse-dynamodb.db").toFile();
        EmbeddedDynamoDb kept = new EmbeddedDynamoDb(DynamoDBEmbedded.create(database, true), tableName);
        // A kept table may hold the single-partition layout of an older release.
        new LegacyFleetMigration(kept.client, tableName).runToCompletion();
        return kept;
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return tableName;
    }

    @Override
    public void close() {
        client.close();
        dynamoDbLocal.shutdown();
    }
}
