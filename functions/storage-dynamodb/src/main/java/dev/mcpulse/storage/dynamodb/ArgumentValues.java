package dev.mcpulse.storage.dynamodb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Readiness tool arguments (plain JSON-like values from a fleet file) as DynamoDB values and back. DynamoDB keeps
 * numbers as decimals, so a whole number comes back as Integer, Long or BigInteger and any other as Double: the
 * JSON sent to the tool is the same.
 */
final class ArgumentValues {

    private ArgumentValues() {
    }

    static AttributeValue toAttribute(Object value, String path) {
        return switch (value) {
            case String text -> AttributeValue.fromS(text);
            case Boolean flag -> AttributeValue.fromBool(flag);
            case Number number -> AttributeValue.fromN(plainNumber(number, path));
            case List<?> list -> {
                List<AttributeValue> values = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    values.add(toAttribute(list.get(i), path + "[" + i + "]"));
                }
                yield AttributeValue.fromL(values);
            }
            case Map<?, ?> map -> {
                Map<String, AttributeValue> values = new HashMap<>();
                map.forEach((k, v) -> values.put(String.valueOf(k), toAttribute(v, path + "." + k)));
                yield AttributeValue.fromM(values);
            }
            case null -> AttributeValue.fromNul(true);
            default -> throw new IllegalArgumentException(
                    path + " is a " + value.getClass().getSimpleName() + ", which cannot be stored");
        };
    }

    private static String plainNumber(Number number, String path) {
        if (number instanceof Double d && (d.isNaN() || d.isInfinite())
                || number instanceof Float f && (f.isNaN() || f.isInfinite())) {
            throw new IllegalArgumentException(path + " is not a finite number and cannot be stored");
        }
        return new BigDecimal(number.toString()).toPlainString();
    }

    static Map<String, Object> fromAttributes(Map<String, AttributeValue> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, fromAttribute(v)));
        return result;
    }

    private static Object fromAttribute(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return number(value.n());
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasL()) {
            return value.l().stream().map(ArgumentValues::fromAttribute).toList();
        }
        if (value.hasM()) {
            return fromAttributes(value.m());
        }
        if (Boolean.TRUE.equals(value.nul())) {
            return "";
        }
        throw new IllegalStateException("a stored readiness argument has an unsupported DynamoDB type");
    }

    private static Object number(String text) {
        BigDecimal decimal = new BigDecimal(text);
        if (decimal.scale() > 0 && decimal.stripTrailingZeros().scale() > 0) {
            return decimal.doubleValue();
        }
        BigInteger whole = decimal.toBigIntegerExact();
        if (whole.bitLength() < 32) {
            return whole.intValue();
        }
        return whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
    }
}
