package dev.mcpulse.storage.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it ("Item sizes and formats" in the developer guide): the UTF-8 bytes of every
 * attribute name plus each value's size. Reads are billed per 4 KB and writes per 1 KB of that size, so the sizes of
 * the adapters' items decide what a cycle costs (infra/table/README.md).
 */
public final class DynamoDbItemSize {

    private DynamoDbItemSize() {
    }

    public static long bytes(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + valueBytes(e.getValue())).sum();
    }

    /** Write capacity units of one standard write of the item: one per started KB. */
    public static long writeUnits(Map<String, AttributeValue> item) {
        return Math.max(1, (bytes(item) + 1023) / 1024);
    }

    static long valueBytes(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> numberBytes(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(DynamoDbItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(DynamoDbItemSize::numberBytes).sum();
            case BS -> value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
            // A list or map: 3 bytes, plus each element's size and 1 byte per element (a map's names count too).
            case L -> 3 + value.l().stream().mapToLong(element -> valueBytes(element) + 1).sum();
            case M -> 3 + value.m().entrySet().stream()
                    .mapToLong(e -> utf8(e.getKey()) + valueBytes(e.getValue()) + 1).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute value of an unknown type");
        };
    }

    /** 1 byte per two significant digits (leading and trailing zeros do not count), plus 1 byte. */
    static long numberBytes(String number) {
        String digits = number.replaceFirst("^-", "").replaceFirst("[eE].*$", "").replace(".", "")
                .replaceFirst("^0+", "").replaceFirst("0+$", "");
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
