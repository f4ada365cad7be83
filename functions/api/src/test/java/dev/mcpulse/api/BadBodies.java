package dev.mcpulse.api;

import static dev.mcpulse.api.ApiHarness.repeat;

import dev.mcpulse.api.JsonText.Raw;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The corpus of bad entry bodies, generated from one valid entry by breaking one thing at a time: every field with
 * every wrong type, missing and extra fields, huge values, look-alike and invisible characters, numbers out of range,
 * null bytes, duplicate keys and truncated JSON. Each goes to {@code PUT /api/mcp/endpoints/payments-mcp} (or to
 * validate / import where the route matters) and must be refused naming the field it breaks.
 */
final class BadBodies {

    private static final Raw NULL = new Raw("null");

    private BadBodies() {
    }

    static Stream<BadRequest> all() {
        return Stream.of(wrongTypes(), missingAndExtraFields(), hugeValues(), lookAlikes(), numbers(), nullBytes(),
                duplicateKeys(), truncated()).flatMap(s -> s);
    }

    /**
     * A valid entry that differs from the seeded payments-mcp in every field, so that a PUT that wrongly succeeds
     * shows up as a changed registry.
     */
    static Map<String, Object> entry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "Payments MCP v2");
        entry.put("labels", new LinkedHashMap<>(Map.of("team", "payments")));
        entry.put("url", "https://mcp-v2.payments.example.com/mcp");
        entry.put("transport", "streamable-http");
        entry.put("auth", new LinkedHashMap<>(Map.of("type", "bearer", "secret", "mcpulse/payments/token")));
        entry.put("timeoutMs", 8000);
        Map<String, Object> readiness = new LinkedHashMap<>();
        readiness.put("tool", "get_balance");
        readiness.put("arguments", new LinkedHashMap<>(Map.of("account", "health-check")));
        entry.put("readiness", readiness);
        entry.put("enabled", true);
        entry.put("intervalSeconds", 3600);
        return entry;
    }

    /** The valid entry with a header credential, for the auth.name cases. */
    static Map<String, Object> headerEntry() {
        Map<String, Object> entry = entry();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "header");
        auth.put("name", "X-Api-Key");
        auth.put("secret", "mcpulse/payments/key");
        entry.put("auth", auth);
        return entry;
    }

    static Map<String, Object> with(Map<String, Object> entry, String path, Object value) {
        parent(entry, path).put(leaf(path), value);
        return entry;
    }

    static Map<String, Object> without(Map<String, Object> entry, String path) {
        parent(entry, path).remove(leaf(path));
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> entry, String path) {
        Map<String, Object> map = entry;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            map = (Map<String, Object>) map.get(parts[i]);
        }
        return map;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    // ---- wrong types -------------------------------------------------------------------------------------------

    private static Stream<BadRequest> wrongTypes() {
        List<BadRequest> cases = new ArrayList<>();
        wrong(cases, "name", 42, true, List.of("Payments"), Map.of(), NULL, "", "   ");
        wrong(cases, "labels", "team=payments", 42, true, NULL, Map.of("", "x"), Map.of("team payments", "x"));
        wrongAt(cases, "labels", "labels.team", Map.of("team", Map.of()), Map.of("team", List.of("a")),
                Map.of("team", NULL));
        wrong(cases, "url", 42, true, List.of("https://x.example.com/mcp"), Map.of("href", "https://x.example.com/mcp"),
                NULL, "", "   ", "mcp.payments.example.com/mcp");
        wrong(cases, "transport", 42, true, List.of("auto"), Map.of(), NULL, "", "auto ");
        wrong(cases, "auth", 42, true, List.of("bearer"), "bearer", NULL, "");
        wrong(cases, "auth.type", 42, true, NULL, List.of("bearer"), "Bearer", "");
        wrong(cases, "auth.secret", 42, true, List.of("mcpulse/x"), Map.of("id", "mcpulse/x"), NULL, "");
        wrong(cases, "auth.key", 42, true, List.of("token"), Map.of(), "");
        for (Object value : List.of(42, true, List.of("X-Api-Key"), NULL, "")) {
            cases.add(put("wrong-type", "auth.name = " + shown(value), with(headerEntry(), "auth.name", value), "auth.name"));
        }
        wrong(cases, "timeoutMs", "8000", true, List.of(8000), Map.of("ms", 8000), NULL, new Raw("8000.0"));
        wrong(cases, "readiness", 42, "get_balance", List.of("get_balance"), true);
        wrong(cases, "readiness.tool", 42, true, List.of("get_balance"), Map.of(), NULL, "");
        wrong(cases, "readiness.arguments", 42, "account=health-check", List.of("health-check"), true);
        wrong(cases, "enabled", "true", 1, 0, List.of(true), Map.of(), NULL);
        // intervalSeconds: null is not here: it is how GET shows an endpoint that follows the fleet, and PUT takes it back
        wrong(cases, "intervalSeconds", "3600", true, List.of(3600), Map.of(), "", new Raw("3600.5"));
        // PUT: a body id must equal the path's, whatever its type
        wrong(cases, "id", 42, true, List.of("payments-mcp"), NULL);
        // validate takes the id from the body
        for (Object value : List.of(42, true, List.of("payments-mcp"), Map.of(), NULL, "")) {
            cases.add(validate("wrong-type", "validate: id = " + shown(value), with(entry(), "id", value), "id"));
        }
        return cases.stream();
    }

    private static void wrong(List<BadRequest> cases, String field, Object... values) {
        wrongAt(cases, field, field, values);
    }

    private static void wrongAt(List<BadRequest> cases, String field, String expectedField, Object... values) {
        for (Object value : values) {
            cases.add(put("wrong-type", field + " = " + shown(value), with(entry(), field, value), expectedField));
        }
    }

    // ---- missing and extra fields ------------------------------------------------------------------------------

    private static Stream<BadRequest> missingAndExtraFields() {
        String c = "missing-extra-fields";
        Map<String, Object> roundTrip = new LinkedHashMap<>();
        roundTrip.put("id", "payments-mcp");
        roundTrip.put("status", "connected");
        roundTrip.put("reason", "ok");
        roundTrip.put("connected", true);
        roundTrip.put("last_check_at", "2026-11-22T02:40:11Z");
        roundTrip.putAll(entry());
        return Stream.of(
                put(c, "an empty object", Map.of(), "url"),
                put(c, "bearer auth without a secret", without(entry(), "auth.secret"), "auth.secret"),
                put(c, "header auth without a header name", without(headerEntry(), "auth.name"), "auth.name"),
                put(c, "auth without a type", without(entry(), "auth.type"), "auth.type"),
                put(c, "an empty auth mapping", with(entry(), "auth", Map.of()), "auth.type"),
                put(c, "readiness without a tool", without(entry(), "readiness.tool"), "readiness.tool"),
                put(c, "an empty readiness mapping", with(entry(), "readiness", Map.of()), "readiness.tool"),
                put(c, "timeout_ms (the read payload's old spelling)", with(entry(), "timeout_ms", 8000), "timeout_ms"),
                put(c, "Url with a capital", with(without(entry(), "url"), "Url", "https://x.example.com/mcp"), "Url"),
                put(c, "__proto__", with(entry(), "__proto__", Map.of("admin", true)), "__proto__"),
                put(c, "constructor", with(entry(), "constructor", Map.of()), "constructor"),
                put(c, "an unknown field with an empty name", with(entry(), "", 1), "(unknown field)"),
                put(c, "a read-only field (status)", with(entry(), "status", "connected"), "status"),
                put(c, "a read-only field (last_check_at)", with(entry(), "last_check_at", "2026-11-22T02:40:11Z"),
                        "last_check_at"),
                put(c, "a GET payload sent back as the PUT body", roundTrip, "status"),
                put(c, "a secret value beside the reference (auth.value)", with(entry(), "auth.value", "s3cr3t-v4lue"),
                        "auth.value"),
                put(c, "a token inside auth", with(entry(), "auth.token", "s3cr3t-v4lue"), "auth.token"),
                put(c, "auth type none with a secret", with(with(entry(), "auth.type", "none"), "auth.secret", "mcpulse/x"),
                        "auth.secret"),
                put(c, "a timeout inside readiness", with(entry(), "readiness.timeoutMs", 1000), "readiness.timeoutMs"),
                validate(c, "validate: an empty object", Map.of(), "id"),
                validate(c, "validate: an id and nothing else", Map.of("id", "new-endpoint"), "url"),
                validate(c, "validate: an unknown field", with(with(entry(), "id", "new-endpoint"), "probeNow", true),
                        "probeNow"));
    }

    // ---- huge values -------------------------------------------------------------------------------------------

    private static Stream<BadRequest> hugeValues() {
        String c = "huge-strings";
        String megabyte = repeat("n", 1024 * 1024);
        Map<String, Object> manyLabels = new LinkedHashMap<>();
        IntStream.range(0, 100_000).forEach(i -> manyLabels.put("k" + i, "v"));
        Map<String, Object> thirtyThree = new LinkedHashMap<>();
        IntStream.range(0, 33).forEach(i -> thirtyThree.put("k" + i, "v"));
        return Stream.of(
                bigPut(c, "a 1 MB name", with(entry(), "name", megabyte)),
                bigPut(c, "100 000 labels", with(entry(), "labels", manyLabels)),
                new BadRequest(c, "validate: a 1 MB name", BadRequest.VALIDATE,
                        r -> r.body(JsonText.of(with(with(entry(), "id", "new-endpoint"), "name", megabyte))), 413, "body"),
                put(c, "a 60 000-character name (under the body limit)", with(entry(), "name", repeat("n", 60_000)), "name"),
                put(c, "a 3 000-character url", with(entry(), "url", "https://x.example.com/" + repeat("a", 3000)), "url"),
                put(c, "a 129-character label value", with(entry(), "labels.team", repeat("v", 129)), "labels.team"),
                put(c, "a 64-character label name", with(entry(), "labels", Map.of(repeat("k", 64), "v")), "labels"),
                put(c, "33 labels", with(entry(), "labels", thirtyThree), "labels"),
                put(c, "a 513-character secret reference", with(entry(), "auth.secret", "mcpulse/" + repeat("s", 505)),
                        "auth.secret"),
                put(c, "a 257-character secret key", with(entry(), "auth.key", repeat("k", 257)), "auth.key"),
                put(c, "a 129-character header name", with(headerEntry(), "auth.name", "X-" + repeat("h", 127)), "auth.name"),
                put(c, "a 129-character tool name", with(entry(), "readiness.tool", repeat("t", 129)), "readiness.tool"),
                put(c, "a 60 000-character unknown field name (longer than the JSON reader takes)",
                        with(entry(), repeat("f", 60_000), 1), "body"),
                put(c, "5 000 unknown fields", fiveThousandUnknownFields(), "f0"),
                new BadRequest(c, "a 100 000-character id in the path", BadRequest.PUT,
                        r -> r.path("/api/mcp/endpoints/" + repeat("a", 100_000)).body(JsonText.of(entry())), 400, "id"),
                new BadRequest(c, "a 100 000-character status filter", BadRequest.LIST,
                        r -> r.query("status", repeat("s", 100_000)), 400, "status"),
                new BadRequest(c, "a 100 000-character label filter", BadRequest.LIST,
                        r -> r.query("label", repeat("l", 100_000)), 400, "label"),
                new BadRequest(c, "a 100 000-digit history limit", BadRequest.GET,
                        r -> r.query("history", repeat("9", 100_000)), 400, "history"));
    }

    private static Map<String, Object> fiveThousandUnknownFields() {
        Map<String, Object> entry = entry();
        IntStream.range(0, 5000).forEach(i -> entry.put("f" + i, 0));
        return entry;
    }

    // ---- look-alike and invisible characters in fields ----------------------------------------------------------

    private static Stream<BadRequest> lookAlikes() {
        String c = "unicode-look-alikes";
        return Stream.of(
                validate(c, "validate: id with a Cyrillic 'а'", with(entry(), "id", "p\u0430yments-mcp"), "id"),
                validate(c, "validate: id in fullwidth letters", with(entry(), "id", "\uFF50\uFF41\uFF59-mcp"), "id"),
                validate(c, "validate: id with fullwidth digits", with(entry(), "id", "mcp-\uFF11\uFF12"), "id"),
                validate(c, "validate: id with a zero-width joiner", with(entry(), "id", "payments\u200D-mcp"), "id"),
                validate(c, "validate: id with an RTL override", with(entry(), "id", "\u202Epcm-stnemyap"), "id"),
                put(c, "a name with an RTL override", with(entry(), "name", "Payments \u202Egnp.exe"), "name"),
                put(c, "a name with bidi isolates", with(entry(), "name", "Payments \u2066MCP\u2069"), "name"),
                put(c, "a label value with an RTL override", with(entry(), "labels.team", "\u202Esyap"), "labels.team"),
                put(c, "a label name with a Cyrillic 'е'", with(entry(), "labels", Map.of("t\u0435am", "payments")), "labels"),
                put(c, "a host with a Cyrillic 'а'", with(entry(), "url", "https://mcp.p\u0430yments.example.com/mcp"), "url"),
                put(c, "a host with an ideographic full stop", with(entry(), "url", "https://mcp.payments\u3002example.com/mcp"),
                        "url"),
                put(c, "a host in fullwidth letters", with(entry(), "url", "https://\uFF4D\uFF43\uFF50.example.com/mcp"), "url"),
                put(c, "a host with a zero-width joiner", with(entry(), "url", "https://mcp\u200D.payments.example.com/mcp"),
                        "url"),
                put(c, "a url path with an RTL override", with(entry(), "url", "https://mcp.payments.example.com/\u202Epcm"),
                        "url"),
                put(c, "a port in fullwidth digits", with(entry(), "url", "https://mcp.payments.example.com:\uFF18\uFF14\uFF14\uFF13/mcp"),
                        "url"),
                put(c, "a transport with a Cyrillic 'о'", with(entry(), "transport", "aut\u043E"), "transport"),
                put(c, "an auth type with a Cyrillic 'е'", with(entry(), "auth.type", "b\u0435arer"), "auth.type"),
                put(c, "a secret reference with a zero-width space", with(entry(), "auth.secret", "mcpulse/pay\u200Bments"),
                        "auth.secret"),
                put(c, "a tool name with a Cyrillic 'а'", with(entry(), "readiness.tool", "get_b\u0430lance"), "readiness.tool"),
                put(c, "timeoutMs in fullwidth digits", with(entry(), "timeoutMs", "\uFF18\uFF10\uFF10\uFF10"), "timeoutMs"),
                put(c, "a key spelled with a Cyrillic 'о' (tоol)", with(without(entry(), "readiness.tool"), "readiness.t\u043Eol",
                        "get_balance"), "readiness.t\u043Eol"));
    }

    // ---- numbers out of range ----------------------------------------------------------------------------------

    private static Stream<BadRequest> numbers() {
        String c = "numbers";
        List<BadRequest> cases = new ArrayList<>();
        for (String timeout : List.of("1e309", "-1", "9223372036854775808", "-9223372036854775809", "9223372036854775807",
                "2147483648", "0", "99", "30001", "1e3", "-0", "1E-400", "0.0000001")) {
            cases.add(put(c, "timeoutMs " + timeout, with(entry(), "timeoutMs", new Raw(timeout)), "timeoutMs"));
        }
        for (String interval : List.of("-1", "0", "299", "86401", "1e309", "9223372036854775808", "9223372036854775807")) {
            cases.add(put(c, "intervalSeconds " + interval, with(entry(), "intervalSeconds", new Raw(interval)),
                    "intervalSeconds"));
        }
        // not JSON numbers at all: the body is at fault
        for (String notJson : List.of("NaN", "Infinity", "-Infinity", "0x1F40", "08000", "+8000", ".5", "8000.")) {
            cases.add(put(c, "timeoutMs " + notJson + " (not a JSON number)", with(entry(), "timeoutMs", new Raw(notJson)),
                    "body"));
        }
        return cases.stream();
    }

    // ---- null bytes --------------------------------------------------------------------------------------------

    private static Stream<BadRequest> nullBytes() {
        String c = "null-bytes";
        String valid = JsonText.of(entry());
        return Stream.of(
                put(c, "a NUL in the name", with(entry(), "name", "Pay\u0000ments"), "name"),
                validate(c, "validate: a NUL in the id", with(entry(), "id", "payments-mcp\u0000"), "id"),
                put(c, "a NUL in the url", with(entry(), "url", "https://mcp.payments.example.com/\u0000mcp"), "url"),
                put(c, "a NUL in a label name", with(entry(), "labels", Map.of("te\u0000am", "payments")), "labels"),
                put(c, "a NUL in the secret reference", with(entry(), "auth.secret", "mcpulse/\u0000payments"), "auth.secret"),
                put(c, "a NUL in the secret key", with(entry(), "auth.key", "to\u0000ken"), "auth.key"),
                put(c, "a NUL in the header name", with(headerEntry(), "auth.name", "X-Api\u0000Key"), "auth.name"),
                put(c, "a NUL in the tool name", with(entry(), "readiness.tool", "get\u0000balance"), "readiness.tool"),
                put(c, "a NUL in the transport", with(entry(), "transport", "auto\u0000"), "transport"),
                put(c, "a NUL in an unknown field's name", with(entry(), "ur\u0000l", "x"), "(unknown field)"),
                putText(c, "a raw NUL inside a JSON string", valid.replace("Payments MCP v2", "Payments\u0000MCP"), "body"),
                putText(c, "a raw NUL between JSON tokens", valid.replace(", \"url\"", ",\u0000 \"url\""), "body"));
    }

    // ---- duplicate keys ----------------------------------------------------------------------------------------

    private static Stream<BadRequest> duplicateKeys() {
        String c = "duplicate-keys";
        String valid = JsonText.of(entry());
        String url = "\"url\": \"https://mcp-v2.payments.example.com/mcp\"";
        return Stream.of(
                putText(c, "name twice", valid.replace("\"name\":", "\"name\": \"Other\", \"name\":"), "name"),
                putText(c, "the same url twice", valid.replace(url, url + ", " + url), "url"),
                putText(c, "url and its escaped spelling", valid.replace(url, url + ", \"\\u0075rl\": \"https://y.example.com/mcp\""),
                        "url"),
                putText(c, "a label twice", valid.replace("\"team\": \"payments\"", "\"team\": \"payments\", \"team\": \"ops\""),
                        "labels.team"),
                putText(c, "auth.secret twice", valid.replace("\"secret\":", "\"secret\": \"mcpulse/a\", \"secret\":"),
                        "auth.secret"),
                putText(c, "auth.type twice", valid.replace("\"type\": \"bearer\"", "\"type\": \"none\", \"type\": \"bearer\""),
                        "auth.type"),
                putText(c, "readiness.tool twice", valid.replace("\"tool\":", "\"tool\": \"drop_all\", \"tool\":"),
                        "readiness.tool"),
                putText(c, "a readiness argument twice", valid.replace("\"account\":", "\"account\": \"a\", \"account\":"),
                        "readiness.arguments.account"),
                putText(c, "timeoutMs twice", valid.replace("\"timeoutMs\": 8000", "\"timeoutMs\": 8000, \"timeoutMs\": 9000"),
                        "timeoutMs"),
                putText(c, "enabled true then false", valid.replace("\"enabled\": true", "\"enabled\": true, \"enabled\": false"),
                        "enabled"),
                new BadRequest(c, "validate: id twice", BadRequest.VALIDATE,
                        r -> r.body("{\"id\": \"a-one\", \"id\": \"a-two\", " + url + "}"), 400, "id"),
                new BadRequest(c, "import: url twice in one entry", BadRequest.IMPORT_JSON,
                        r -> r.body("[{\"id\": \"new-one\", " + url + ", " + url + "}]"), 400, "url"),
                new BadRequest(c, "import: endpoints twice", BadRequest.IMPORT_JSON,
                        r -> r.body("{\"endpoints\": [], \"endpoints\": [{\"id\": \"new-one\", " + url + "}]}"), 400,
                        "endpoints"));
    }

    // ---- truncated JSON ----------------------------------------------------------------------------------------

    private static Stream<BadRequest> truncated() {
        String c = "truncated-json";
        String valid = JsonText.of(entry());
        List<BadRequest> cases = new ArrayList<>();
        for (String cutBefore : List.of("\"name\"", "Payments MCP v2", "\"labels\"", "payments\"}", "://mcp-v2",
                "\"auth\"", "\"secret\"", "8000", "\"readiness\"", "health-check", "rue", "600")) {
            String body = valid.substring(0, valid.indexOf(cutBefore) + (cutBefore.length() > 4 ? 2 : 1));
            cases.add(putText(c, "cut at " + body.length() + " of " + valid.length() + " characters", body, "body"));
        }
        cases.add(putText(c, "the last brace missing", valid.substring(0, valid.length() - 1), "body"));
        String validateBody = JsonText.of(with(entry(), "id", "new-endpoint"));
        cases.add(new BadRequest(c, "validate: cut in half", BadRequest.VALIDATE,
                r -> r.body(validateBody.substring(0, validateBody.length() / 2)), 400, "body"));
        cases.add(new BadRequest(c, "validate: only an opening brace", BadRequest.VALIDATE, r -> r.body("{"), 400, "body"));
        String fleet = "[" + JsonText.of(with(entry(), "id", "new-one")) + ", " + JsonText.of(with(entry(), "id", "new-two")) + "]";
        for (int cut : List.of(1, fleet.length() / 3, fleet.length() - 1)) {
            cases.add(new BadRequest(c, "import: a JSON fleet cut at " + cut, BadRequest.IMPORT_JSON,
                    r -> r.body(fleet.substring(0, cut)), 400, "body"));
        }
        return cases.stream();
    }

    // ---- builders ----------------------------------------------------------------------------------------------

    private static BadRequest put(String category, String name, Map<String, Object> entry, String field) {
        return putText(category, name, JsonText.of(entry), field);
    }

    private static BadRequest putText(String category, String name, String body, String field) {
        return new BadRequest(category, name, BadRequest.PUT, r -> r.body(body), 400, field);
    }

    private static BadRequest bigPut(String category, String name, Map<String, Object> entry) {
        String body = JsonText.of(entry);
        return new BadRequest(category, name, BadRequest.PUT, r -> r.body(body), 413, "body");
    }

    private static BadRequest validate(String category, String name, Map<String, Object> entry, String field) {
        String body = JsonText.of(entry);
        return new BadRequest(category, name, BadRequest.VALIDATE, r -> r.body(body), 400, field);
    }

    private static String shown(Object value) {
        String json = JsonText.of(value);
        return json.length() > 40 ? json.substring(0, 40) + "…" : json;
    }
}
