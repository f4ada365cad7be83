package dev.mcpulse.api;

import static dev.mcpulse.api.ApiHarness.repeat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus of bad request lines and envelopes, around a body that is itself valid: ids in paths (path traversal,
 * the id rules, look-alikes), query parameters, methods, Content-Types, YAML sent as JSON and JSON as YAML, and
 * 10 MB bodies on every body route.
 */
final class BadRequestLines {

    /** The four routes with an id in the path, each with the fixture that reaches it and a valid rest of request. */
    private record IdRoute(String label, String fixture, String prefix, String suffix) {
    }

    private static final List<IdRoute> ID_ROUTES = List.of(
            new IdRoute("GET", BadRequest.GET, "/api/mcp/clients/", ""),
            new IdRoute("check", BadRequest.CHECK, "/api/mcp/clients/", "/check"),
            new IdRoute("PUT", BadRequest.PUT, "/api/mcp/endpoints/", ""),
            new IdRoute("DELETE", BadRequest.DELETE, "/api/mcp/endpoints/", ""));

    private static final String VALID_ENTRY = JsonText.of(BadBodies.entry());

    private BadRequestLines() {
    }

    static Stream<BadRequest> all() {
        return Stream.of(pathTraversal(), decodedPaths(), idRules(), lookAlikeIds(), queryParameters(), methods(),
                contentTypes(), bodySizes()).flatMap(s -> s);
    }

    // ---- ids in paths ------------------------------------------------------------------------------------------

    private static Stream<BadRequest> pathTraversal() {
        String c = "path-traversal";
        List<BadRequest> cases = new ArrayList<>();
        // every route: the classic forms
        for (IdRoute route : ID_ROUTES) {
            cases.add(idCase(c, route, "../x", 404, null));
            cases.add(idCase(c, route, "..%2Fx", 400, "id"));
            cases.add(idCase(c, route, "%2e%2e%2f", 400, "id"));
            cases.add(idCase(c, route, "payments-mcp%00", 400, "id"));
        }
        // more forms, spread over the routes
        cases.add(idCase(c, ID_ROUTES.get(0), "%2e%2e%2fdocs-search", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(3), "%2e%2e", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "..", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(1), ".", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "..%5Cx", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(3), "..\\docs-search", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(0), "%252e%252e%252fdocs-search", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(3), "%00", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "payments-mcp%00.json", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(0), "%c0%ae%c0%ae%2fdocs-search", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "..;/docs-search", 404, null));
        cases.add(idCase(c, ID_ROUTES.get(2), "x/../payments-mcp", 404, null));
        cases.add(idCase(c, ID_ROUTES.get(3), "payments-mcp/../docs-search", 404, null));
        cases.add(idCase(c, ID_ROUTES.get(3), "payments-mcp%2F..%2Fdocs-search", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(0), "%2e%2e/%2e%2e/etc/passwd", 404, null));
        cases.add(idCase(c, ID_ROUTES.get(0), "%zz", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(3), "%", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "payments-mcp%e", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(1), "%2F", 400, "id"));
        return cases.stream();
    }

    /**
     * Paths as API Gateway HTTP APIs deliver them: percent-decoded, so a client's {@code a%20b} arrives as
     * {@code a b}, and {@code %25zz} as {@code %zz}.
     */
    private static Stream<BadRequest> decodedPaths() {
        String c = "decoded-paths";
        return Stream.of(
                idCase(c, ID_ROUTES.get(0), "a b", 400, "id"),
                idCase(c, ID_ROUTES.get(1), "a b", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "100%", 400, "id"),
                idCase(c, ID_ROUTES.get(3), "%zz", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "<script>alert(1)<", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "x?admin=true", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "x#fragment", 400, "id"),
                idCase(c, ID_ROUTES.get(3), "a\"b", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "{id}", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "a|b", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "a^b", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "a`b", 400, "id"),
                idCase(c, ID_ROUTES.get(1), "%", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "payments-mcp\u0000", 400, "id"));
    }

    private static Stream<BadRequest> idRules() {
        String c = "id-rules";
        List<BadRequest> cases = new ArrayList<>();
        for (IdRoute route : List.of(ID_ROUTES.get(0), ID_ROUTES.get(1), ID_ROUTES.get(3))) {
            cases.add(idCase(c, route, "Payments-MCP", 400, "id"));
        }
        cases.add(idCase(c, ID_ROUTES.get(3), repeat("a", 64), 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(0), repeat("a", 1000), 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(0), "-payments", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), ".payments", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "_payments", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "payments%20mcp", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(3), "payments+mcp", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "payments@mcp", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(0), "payments~mcp", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "payments:mcp", 400, "id"));
        cases.add(idCase(c, ID_ROUTES.get(2), "", 404, null));
        cases.add(idCase(c, ID_ROUTES.get(1), "", 404, null));
        for (String id : List.of("", "A", "-a", repeat("a", 64), "a/b", " a", "a ", "a\nb")) {
            String body = JsonText.of(BadBodies.with(BadBodies.entry(), "id", id));
            cases.add(new BadRequest(c, "validate: id " + JsonText.quote(id.length() > 20 ? id.substring(0, 20) + "…" : id),
                    BadRequest.VALIDATE, r -> r.body(body), 400, "id"));
        }
        return cases.stream();
    }

    private static Stream<BadRequest> lookAlikeIds() {
        String c = "unicode-look-alikes";
        return Stream.of(
                idCase(c, ID_ROUTES.get(2), "p%D0%B0yments-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "p%D0%B0yments-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(3), "p\u0430yments-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(1), "p\u0430yments-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "\uFF50\uFF41\uFF59\uFF4D\uFF45\uFF4E\uFF54\uFF53-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "mcp-\uFF11\uFF12", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "mcp-\u0663", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "payments\u200D-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(3), "payments\u200C-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(3), "\uFEFFpayments-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "\u202Epcm-stnemyap", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "%E2%80%AEpayments-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "payments\u00ADmcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "payme\u0301nts-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "payments\u2011mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "payments\uFF0Dmcp", 400, "id"),
                idCase(c, ID_ROUTES.get(0), "pro\uFB01le-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "\u212Aafka-mcp", 400, "id"),
                idCase(c, ID_ROUTES.get(2), "\uD835\uDC29ayments-mcp", 400, "id"),
                new BadRequest(c, "status filter in fullwidth letters", BadRequest.LIST,
                        r -> r.query("status", "\uFF43onnected"), 400, "status"),
                new BadRequest(c, "history limit in fullwidth digits", BadRequest.GET,
                        r -> r.query("history", "\uFF12\uFF10"), 400, "history"),
                new BadRequest(c, "history limit in Arabic-Indic digits", BadRequest.GET,
                        r -> r.query("history", "\u0662\u0660"), 400, "history"));
    }

    private static BadRequest idCase(String category, IdRoute route, String id, int status, String field) {
        String path = route.prefix() + id + route.suffix();
        String shown = id.length() > 40 ? id.substring(0, 40) + "…(" + id.length() + ")" : id;
        return new BadRequest(category, route.label() + " " + JsonText.quote(shown), route.fixture(), r -> {
            r.path(path);
            return route.fixture().equals(BadRequest.PUT) ? r.body(VALID_ENTRY) : r;
        }, status, field);
    }

    // ---- query parameters --------------------------------------------------------------------------------------

    private static Stream<BadRequest> queryParameters() {
        String c = "query-parameters";
        List<BadRequest> cases = new ArrayList<>();
        for (String history : List.of("-1", "abc", "1e3", "501", "2147483648", "99999999999999999999", " 20", "20abc",
                "0x10", "\u0000", "1.5", "-0")) {
            cases.add(new BadRequest(c, "history=" + JsonText.quote(history), BadRequest.GET, r -> r.query("history", history),
                    400, "history"));
        }
        for (String after : List.of("yesterday", "2026-13-45T00:00:00Z", "1733385600", "2026-12-05", "2026-12-05T08:00:00")) {
            cases.add(new BadRequest(c, "history_after=" + JsonText.quote(after), BadRequest.GET,
                    r -> r.query("history_after", after), 400, "history_after"));
        }
        for (String status : List.of("bogus", "CONNECTED", "connected\u0000", " connected", "stale")) {
            cases.add(new BadRequest(c, "status=" + JsonText.quote(status), BadRequest.LIST, r -> r.query("status", status),
                    400, "status"));
        }
        for (String label : List.of("nocolon", ":payments", repeat("k", 64) + ":x", "")) {
            cases.add(new BadRequest(c, "label=" + JsonText.quote(label.length() > 20 ? label.substring(0, 20) + "…" : label),
                    BadRequest.LIST, r -> r.query("label", label), 400, "label"));
        }
        String[] seventeen = new String[34];
        for (int i = 0; i < 17; i++) {
            seventeen[2 * i] = "label";
            seventeen[2 * i + 1] = "k" + i + ":v";
        }
        cases.add(new BadRequest(c, "17 label filters", BadRequest.LIST, r -> r.query(seventeen), 400, "label"));
        cases.add(new BadRequest(c, "one label filtered on two values", BadRequest.LIST,
                r -> r.query("label", "team:a", "label", "team:b"), 400, "label"));
        return cases.stream();
    }

    // ---- methods -----------------------------------------------------------------------------------------------

    private static Stream<BadRequest> methods() {
        String c = "methods";
        return Stream.of(
                method(c, "PATCH", BadRequest.LIST, "/api/mcp/clients", 405),
                method(c, "DELETE", BadRequest.LIST, "/api/mcp/clients", 405),
                method(c, "PUT", BadRequest.GET, "/api/mcp/clients/payments-mcp", 405),
                method(c, "POST", BadRequest.GET, "/api/mcp/clients/payments-mcp", 405),
                method(c, "GET", BadRequest.PUT, "/api/mcp/endpoints/payments-mcp", 405),
                method(c, "POST", BadRequest.PUT, "/api/mcp/endpoints/payments-mcp", 405),
                method(c, "GET", BadRequest.IMPORT_YAML, "/api/mcp/endpoints:import", 405),
                method(c, "PUT", BadRequest.IMPORT_YAML, "/api/mcp/endpoints:import", 405),
                method(c, "DELETE", BadRequest.VALIDATE, "/api/mcp/endpoints:validate", 405),
                method(c, "GET", BadRequest.CHECK, "/api/mcp/clients/payments-mcp/check", 405),
                method(c, "POST", BadRequest.PUT, "/api/mcp/endpoints", 404),
                method(c, "FOO", BadRequest.LIST, "/api/mcp/clients", 405),
                method(c, "PROPFIND", BadRequest.GET, "/api/mcp/clients/payments-mcp", 405),
                method(c, "TRACE", BadRequest.LIST, "/api/mcp/clients", 405),
                method(c, "CONNECT", BadRequest.DELETE, "/api/mcp/endpoints/payments-mcp", 405));
    }

    private static BadRequest method(String category, String method, String fixture, String path, int status) {
        return new BadRequest(category, method + " " + path, fixture, r -> r.method(method).path(path), status, null);
    }

    // ---- Content-Types -----------------------------------------------------------------------------------------

    private static Stream<BadRequest> contentTypes() {
        String c = "content-types";
        String yamlEntry = "name: Payments MCP v2\nurl: https://mcp-v2.payments.example.com/mcp\n";
        String yamlFleet = "endpoints:\n  - id: payments-mcp\n    url: https://mcp-v2.payments.example.com/mcp\n";
        String jsonFleetWithTabs = "[\n\t{\n\t\t\"id\": \"payments-mcp\",\n\t\t\"url\": \"https://mcp-v2.payments.example.com/mcp\"\n\t}\n]";
        String validateBody = JsonText.of(BadBodies.with(BadBodies.entry(), "id", "new-endpoint"));
        List<BadRequest> cases = new ArrayList<>();
        for (String type : List.of("application/yaml", "application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "text/json", "application/jsonx", "json", "*/*", "", ";;;")) {
            cases.add(new BadRequest(c, "PUT as " + JsonText.quote(type), BadRequest.PUT,
                    r -> r.contentType(type).body(VALID_ENTRY), 415, "Content-Type"));
        }
        for (String type : List.of("application/json\u0000", "application/json\r\nX-Injected: 1")) {
            cases.add(new BadRequest(c, "PUT as " + JsonText.quote(type), BadRequest.PUT,
                    r -> r.contentType(type).body(VALID_ENTRY), 400, "content-type"));
        }
        for (String type : List.of("text/plain", "application/xml", "application/octet-stream",
                "multipart/form-data; boundary=x", "yaml")) {
            cases.add(new BadRequest(c, "import as " + JsonText.quote(type), BadRequest.IMPORT_YAML,
                    r -> r.contentType(type).body(yamlFleet), 415, "Content-Type"));
        }
        cases.add(new BadRequest(c, "import without a Content-Type", BadRequest.IMPORT_YAML,
                r -> r.contentType(null).body(yamlFleet), 415, "Content-Type"));
        for (String type : List.of("application/yaml", "text/plain")) {
            cases.add(new BadRequest(c, "validate as " + type, BadRequest.VALIDATE,
                    r -> r.contentType(type).body(validateBody), 415, "Content-Type"));
        }
        cases.add(new BadRequest(c, "validate without a Content-Type", BadRequest.VALIDATE,
                r -> r.contentType(null).body(validateBody), 415, "Content-Type"));
        cases.add(new BadRequest(c, "PUT: a YAML entry labelled application/json", BadRequest.PUT,
                r -> r.body(yamlEntry), 400, "body"));
        cases.add(new BadRequest(c, "validate: a YAML entry labelled application/json", BadRequest.VALIDATE,
                r -> r.body("id: new-endpoint\n" + yamlEntry), 400, "body"));
        cases.add(new BadRequest(c, "import: a YAML fleet labelled application/json", BadRequest.IMPORT_JSON,
                r -> r.body(yamlFleet), 400, "body"));
        cases.add(new BadRequest(c, "import: a tab-indented JSON fleet labelled application/yaml", BadRequest.IMPORT_YAML,
                r -> r.contentType("application/yaml").body(jsonFleetWithTabs), 400, "(file)"));
        return cases.stream();
    }

    // ---- body sizes --------------------------------------------------------------------------------------------

    private static Stream<BadRequest> bodySizes() {
        String c = "body-size";
        int tenMegabytes = 10 * 1024 * 1024;
        String jsonPadding = repeat(" ", tenMegabytes);
        String yamlPadding = "# " + repeat("x", tenMegabytes) + "\n";
        String validateBody = JsonText.of(BadBodies.with(BadBodies.entry(), "id", "new-endpoint"));
        String base64Yaml = Base64.getEncoder().encodeToString(
                (yamlPadding + "- {id: new-one, url: 'https://a.example.com/mcp'}\n").getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                new BadRequest(c, "PUT: 10 MB", BadRequest.PUT, r -> r.body(VALID_ENTRY + jsonPadding), 413, "body"),
                new BadRequest(c, "validate: 10 MB", BadRequest.VALIDATE, r -> r.body(validateBody + jsonPadding), 413, "body"),
                new BadRequest(c, "import: 10 MB of YAML", BadRequest.IMPORT_YAML,
                        r -> r.body(yamlPadding + "[]"), 413, "body"),
                new BadRequest(c, "import: 10 MB of JSON", BadRequest.IMPORT_JSON, r -> r.body("[]" + jsonPadding), 413, "body"),
                new BadRequest(c, "import: 10 MB of YAML, base64-encoded", BadRequest.IMPORT_YAML,
                        r -> r.base64Body(base64Yaml), 413, "body"),
                new BadRequest(c, "validate: one byte over 64 KiB", BadRequest.VALIDATE,
                        r -> r.body(validateBody + repeat(" ", RequestBodies.MAX_ENTRY_BYTES + 1 - validateBody.length())),
                        413, "body"));
    }
}
