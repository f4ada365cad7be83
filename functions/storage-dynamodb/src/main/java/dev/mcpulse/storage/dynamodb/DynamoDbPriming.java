package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.aws.AwsFailures;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The DynamoDB client's first call, made before a SnapStart snapshot so that the first request after the restore
 * finds the SDK's marshallers, signer, endpoint rules and HTTP stack ready: one GetItem of a key that no item has (a
 * partition of its own, which mcpulse never writes), a read the function's IAM policy already allows. The request
 * asks the server to close its connection after the answer, so no socket is left in the JDK's keep-alive cache to be
 * frozen into the snapshot.
 */
public final class DynamoDbPriming {

    static final String PARTITION = "PRIMING";
    static final String SORT_KEY = "never-written";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbPriming(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /** Throws a described {@code InfrastructureFailure} when DynamoDB could not be read. */
    public void getMissingItem() {
        try {
            client.getItem(GetItemRequest.builder()
                    .tableName(tableName)
                    .key(TableKeys.key(PARTITION, SORT_KEY))
                    .overrideConfiguration(request -> request.putHeader("Connection", "close"))
                    .build());
        } catch (SdkException e) {
            throw AwsFailures.translate("DynamoDB", "GetItem", e);
        }
    }
}
