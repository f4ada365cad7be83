package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.port.InfrastructureFailure;

/** DynamoDB kept refusing part of a batch after every retry: an infrastructure fault the caller must see. */
public final class UnprocessedItemsException extends InfrastructureFailure {

    UnprocessedItemsException(String message) {
        super(message);
    }
}
