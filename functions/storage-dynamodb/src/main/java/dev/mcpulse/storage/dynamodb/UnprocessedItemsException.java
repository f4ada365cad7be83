package dev.mcpulse.storage.dynamodb;

/** DynamoDB kept refusing part of a batch after every retry: an infrastructure fault the caller must see. */
public final class UnprocessedItemsException extends RuntimeException {

    UnprocessedItemsException(String message) {
        super(message);
    }
}
