package dev.mcpulse.storage.dynamodb;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typed, checked reads of one stored item. A missing or malformed attribute is a damaged table, an
 * infrastructure fault: it throws with the item's key and the attribute's name, never with its value.
 */
final class ItemReader {

    private final Map<String, AttributeValue> item;

    ItemReader(Map<String, AttributeValue> item) {
        this.item = item;
    }

    String string(String name) {
        return optionalString(name).orElseThrow(() -> damaged(name, "is missing"));
    }

    Optional<String> optionalString(String name) {
        AttributeValue value = item.get(name);
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return Optional.empty();
        }
        if (value.s() == null) {
            throw damaged(name, "is not a string");
        }
        return Optional.of(value.s());
    }

    long number(String name) {
        return optionalNumber(name).orElseThrow(() -> damaged(name, "is missing"));
    }

    int integer(String name) {
        return Math.toIntExact(number(name));
    }

    Optional<Long> optionalNumber(String name) {
        AttributeValue value = item.get(name);
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.n()));
        } catch (NumberFormatException | NullPointerException e) {
            throw damaged(name, "is not a whole number");
        }
    }

    Optional<Integer> optionalInteger(String name) {
        return optionalNumber(name).map(Math::toIntExact);
    }

    boolean bool(String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.bool() == null) {
            throw damaged(name, "is missing or not a boolean");
        }
        return value.bool();
    }

    Instant instant(String name) {
        return optionalInstant(name).orElseThrow(() -> damaged(name, "is missing"));
    }

    Optional<Instant> optionalInstant(String name) {
        return optionalString(name).map(text -> {
            try {
                return SortableInstant.parse(text);
            } catch (IllegalArgumentException e) {
                throw damaged(name, "is not a stored instant");
            }
        });
    }

    /** A stored code (outcome, era, ...) turned back into its enum; an unknown code is damage, not a default. */
    <T> T code(String name, Function<String, Optional<T>> decode) {
        return optionalCode(name, decode).orElseThrow(() -> damaged(name, "is missing"));
    }

    <T> Optional<T> optionalCode(String name, Function<String, Optional<T>> decode) {
        return optionalString(name).map(code -> decode.apply(code).orElseThrow(() -> damaged(name, "holds an unknown code")));
    }

    Map<String, AttributeValue> map(String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            throw damaged(name, "is missing or not a map");
        }
        return value.m();
    }

    Optional<Map<String, AttributeValue>> optionalMap(String name) {
        AttributeValue value = item.get(name);
        return value == null ? Optional.empty() : Optional.of(map(name));
    }

    ItemReader nested(String name) {
        return new ItemReader(map(name));
    }

    IllegalStateException damaged(String attribute, String problem) {
        return new IllegalStateException("stored item " + describeKey() + ": attribute '" + attribute + "' " + problem);
    }

    private String describeKey() {
        AttributeValue pk = item.get(TableKeys.PK);
        AttributeValue sk = item.get(TableKeys.SK);
        return pk == null || sk == null ? "(nested map)" : pk.s() + "/" + sk.s();
    }
}
