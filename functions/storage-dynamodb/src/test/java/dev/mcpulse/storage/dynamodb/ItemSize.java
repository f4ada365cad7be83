package dev.mcpulse.storage.dynamodb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it (the "Item sizes and formats" rules): names and strings as UTF-8 bytes, a number
 * about one byte per two significant digits plus one, 3 bytes per map or list plus 1 per element.
 */
final class ItemSize {

    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + value(e.getValue())).sum();
    }

    private static long value(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            String digits = new BigDecimal(value.n()).stripTrailingZeros().unscaledValue().abs().toString();
            return (digits.length() + 1) / 2 + 1;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        if (value.hasM()) {
            return 3 + value.m().entrySet().stream().mapToLong(e -> utf8(e.getKey()) + value(e.getValue()) + 1).sum();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(v -> value(v) + 1).sum();
        }
        throw new IllegalArgumentException("no size rule for " + value);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
