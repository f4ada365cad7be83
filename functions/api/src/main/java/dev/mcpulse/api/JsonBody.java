package dev.mcpulse.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON body into plain maps, lists and scalars for the domain's validators, which take the same shapes from
 * YAML. Stricter than a data binder on purpose: a duplicate key is an error (not "last one wins"), nesting is
 * bounded, and trailing content is refused. Error messages give the position only: the parser's own text can quote
 * the input, which may be a pasted secret.
 */
final class JsonBody {

    private static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxStringLength(RequestBodies.MAX_ENTRY_BYTES * 64)
                    .maxNumberLength(100)
                    .build())
            .build();

    private JsonBody() {
    }

    static Object read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw malformed("the body is empty");
            }
            Object value = value(parser, 0, "");
            if (parser.nextToken() != null) {
                throw malformed("there is more after the JSON value" + at(parser.currentLocation()));
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw malformed("the body has a JSON key, text or number longer than this API reads, or is nested too deep"
                    + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw malformed("the body could not be read as JSON");
        }
    }

    /** {@code path}: the keys leading here, dot-separated (array levels add none), to name a duplicate key's field. */
    private static Object value(JsonParser parser, int depth, String path) throws IOException {
        if (depth > MAX_DEPTH) {
            throw malformed("the JSON is nested more than " + MAX_DEPTH + " levels deep");
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser, depth, path);
            case START_ARRAY -> array(parser, depth, path);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw malformed("the body is not valid JSON" + at(parser.currentLocation()));
        };
    }

    private static Map<String, Object> object(JsonParser parser, int depth, String path) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String field = path.isEmpty() ? name : path + "." + name;
            if (map.containsKey(name)) {
                boolean named = isPrintableField(field);
                throw ApiException.badRequest("malformed_json", named ? field : "body", "the key "
                        + Shown.text(named ? field : name) + " appears twice in one object"
                        + at(parser.currentLocation()));
            }
            parser.nextToken();
            map.put(name, value(parser, depth + 1, field));
        }
        return map;
    }

    private static List<Object> array(JsonParser parser, int depth, String path) throws IOException {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(parser, depth + 1, path));
        }
        return list;
    }

    private static boolean isPrintableField(String field) {
        return !field.isEmpty() && field.length() <= 64 && field.codePoints()
                .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static ApiException malformed(String message) {
        return ApiException.badRequest("malformed_json", "body", message);
    }
}
