package dev.mcpulse.bench.cost;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it (its documented rules): each attribute's UTF-8 name plus its value; a string
 * its UTF-8 bytes, a number about one byte per two significant digits plus one, binary its bytes, a boolean or null
 * one byte, a list or map 3 bytes plus one byte and the size of each element (a map's element also its name).
 */
public final class ItemSize {

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    static long value(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> value.bs().stream().map(SdkBytes::asByteArray).mapToLong(bytes -> bytes.length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + value(element)).sum();
            case M -> 3 + value.m().entrySet().stream()
                    .mapToLong(element -> 1 + utf8(element.getKey()) + value(element.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute value of an unknown type");
        };
    }

    /** Significant digits (leading and trailing zeros dropped), two to a byte, plus one byte. */
    static long number(String text) {
        String digits = new BigDecimal(text).abs().stripTrailingZeros().unscaledValue().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
