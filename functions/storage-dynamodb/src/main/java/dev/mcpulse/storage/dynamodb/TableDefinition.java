package dev.mcpulse.storage.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The table as defined in {@code infra/table/mcpulse-table.json}, the one source of truth (packaged into this
 * module at build time). Its property names are those of CloudFormation's {@code AWS::DynamoDB::Table}, so the
 * SAM template can be compared with it; tests and the local runner create their tables from it.
 */
public final class TableDefinition {

    /** Where the build puts the definition on the classpath. */
    public static final String RESOURCE = "/dev/mcpulse/storage/dynamodb/mcpulse-table.json";

    private final String json;
    private final List<AttributeDefinition> attributeDefinitions;
    private final List<KeySchemaElement> keySchema;
    private final BillingMode billingMode;
    private final String timeToLiveAttribute;

    private TableDefinition(String json) {
        this.json = json;
        Map<String, JsonNode> root = JsonNode.parser().parse(json).asObject();
        this.attributeDefinitions = required(root, "AttributeDefinitions").asArray().stream()
                .map(JsonNode::asObject)
                .map(a -> AttributeDefinition.builder()
                        .attributeName(text(a, "AttributeName"))
                        .attributeType(ScalarAttributeType.fromValue(text(a, "AttributeType")))
                        .build())
                .toList();
        this.keySchema = required(root, "KeySchema").asArray().stream()
                .map(JsonNode::asObject)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(text(k, "AttributeName"))
                        .keyType(KeyType.fromValue(text(k, "KeyType")))
                        .build())
                .toList();
        this.billingMode = BillingMode.fromValue(text(root, "BillingMode"));
        Map<String, JsonNode> ttl = required(root, "TimeToLiveSpecification").asObject();
        this.timeToLiveAttribute = text(ttl, "AttributeName");
        if (root.containsKey("GlobalSecondaryIndexes") && !root.get("GlobalSecondaryIndexes").asArray().isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": GlobalSecondaryIndexes are not supported by TableDefinition yet");
        }
        if (billingMode == BillingMode.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalStateException(RESOURCE + ": unknown BillingMode");
        }
    }

    public static TableDefinition load() {
        try (InputStream in = TableDefinition.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (the build copies it from infra/table)");
            }
            return new TableDefinition(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition file's text, for comparing with the SAM template. */
    public String json() {
        return json;
    }

    public List<AttributeDefinition> attributeDefinitions() {
        return attributeDefinitions;
    }

    public List<KeySchemaElement> keySchema() {
        return keySchema;
    }

    public BillingMode billingMode() {
        return billingMode;
    }

    public String timeToLiveAttribute() {
        return timeToLiveAttribute;
    }

    public CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributeDefinitions)
                .keySchema(keySchema)
                .billingMode(billingMode)
                .build();
    }

    /** Turns on the TTL attribute; DynamoDB takes it as a separate call after the table exists. */
    public UpdateTimeToLiveRequest timeToLiveRequest(String tableName) {
        return UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(timeToLiveAttribute).enabled(true).build())
                .build();
    }

    private static JsonNode required(Map<String, JsonNode> object, String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            throw new IllegalStateException(RESOURCE + ": " + name + " is missing");
        }
        return node;
    }

    private static String text(Map<String, JsonNode> object, String name) {
        return required(object, name).asString();
    }
}
