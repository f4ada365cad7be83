package dev.mcpulse.secrets;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Turns a secret's stored text into the credential a reference asks for: the whole text, or one key of a JSON
 * object. Shared by every resolver so that JSON secrets behave the same on AWS and locally. Reasons name the
 * secret and the key, never any part of the text (a parse error message could quote it, so none is used).
 */
final class SecretText {

    private SecretText() {
    }

    static SecretLookup extract(SecretRef ref, String text) {
        if (text == null || text.isEmpty()) {
            return new SecretLookup.Empty("secret " + ref.secretId() + " is empty");
        }
        if (ref.jsonKey().isEmpty()) {
            return new SecretLookup.Found(new SecretValue(text));
        }
        String key = ref.jsonKey().get();
        Optional<Map<String, JsonNode>> object = jsonObject(text);
        if (object.isEmpty()) {
            return new SecretLookup.Empty("secret " + ref.secretId() + " is not a JSON object, so it has no key '" + key + "'");
        }
        JsonNode value = object.get().get(key);
        return fromKeyValue(ref, value == null ? null : scalarText(value));
    }

    /** For a secret held as a map already (a YAML mapping in the local secrets file). */
    static SecretLookup extractFromMap(SecretRef ref, Map<?, ?> values) {
        if (ref.jsonKey().isEmpty()) {
            return new SecretLookup.Empty("secret " + ref.secretId() + " holds keys, and the reference names none");
        }
        Object value = values.get(ref.jsonKey().get());
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        return fromKeyValue(ref, scalar ? Optional.of(String.valueOf(value)) : value == null ? null : Optional.empty());
    }

    /** @param value null: no such key; empty: not a text value; else the text. */
    private static SecretLookup fromKeyValue(SecretRef ref, Optional<String> value) {
        String key = ref.jsonKey().orElseThrow();
        if (value == null) {
            return new SecretLookup.Empty("secret " + ref.secretId() + " has no key '" + key + "'");
        }
        if (value.isEmpty()) {
            return new SecretLookup.Empty("key '" + key + "' of secret " + ref.secretId() + " is not a text value");
        }
        if (value.get().isEmpty()) {
            return new SecretLookup.Empty("key '" + key + "' of secret " + ref.secretId() + " is empty");
        }
        return new SecretLookup.Found(new SecretValue(value.get()));
    }

    private static Optional<Map<String, JsonNode>> jsonObject(String text) {
        try {
            JsonNode node = JsonNode.parser().parse(text);
            return node.isObject() ? Optional.of(node.asObject()) : Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> scalarText(JsonNode node) {
        if (node.isString()) {
            return Optional.of(node.asString());
        }
        if (node.isNumber()) {
            return Optional.of(node.asNumber());
        }
        if (node.isBoolean()) {
            return Optional.of(Boolean.toString(node.asBoolean()));
        }
        return Optional.empty();
    }
}
