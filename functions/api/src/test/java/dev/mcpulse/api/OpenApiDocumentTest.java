package dev.mcpulse.api;

import static dev.mcpulse.api.PayloadContractHandlerTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.service.FleetQuery;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document is written by hand beside {@link ApiRoutes}, so it is held to the route table here: the API's
 * routes (everything under {@code /api/mcp/}; the others serve the dashboard, its sign-in settings and this document)
 * are exactly the document's operations, each with its path variables declared, and the admin security requirement
 * is on exactly the admin routes.
 */
class OpenApiDocumentTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");

    private final Map<String, Object> document = new Yaml().load(StaticFiles.read(OpenApiController.DOCUMENT).orElseThrow());
    private final List<ApiRoutes.Route> routes = new ApiRoutes(null, null, null, null, null).all();

    @Test
    void documentsExactlyTheApiRoutes() {
        Set<String> documented = new TreeSet<>();
        operations().forEach((key, operation) -> documented.add(key));
        Set<String> served = new TreeSet<>();
        routes.stream().filter(OpenApiDocumentTest::isApi).forEach(route -> served.add(key(route)));

        assertThat(documented).isEqualTo(served).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void securesExactlyTheAdminRoutes() {
        Set<String> secured = new TreeSet<>();
        operations().forEach((key, operation) -> {
            if (operation.containsKey("security")) {
                secured.add(key);
            }
        });
        Set<String> admin = new TreeSet<>();
        routes.stream().filter(route -> route.access() == Access.ADMIN).forEach(route -> admin.add(key(route)));

        assertThat(secured).isEqualTo(admin).isNotEmpty();
        assertThat(routes).filteredOn(route -> route.access() == Access.ADMIN).allMatch(OpenApiDocumentTest::isApi);
    }

    @Test
    void declaresEveryPathVariableOfEveryOperation() {
        operations().forEach((key, operation) -> {
            Set<String> variables = new TreeSet<>();
            Matcher matcher = VARIABLE.matcher(key);
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (Object parameter : (List<?>) operation.getOrDefault("parameters", List.of())) {
                if ("path".equals(map(parameter).get("in"))) {
                    declared.add((String) map(parameter).get("name"));
                }
            }
            assertThat(declared).as(key).isEqualTo(variables);
        });
    }

    /**
     * The limits the document states by number are the code's: the page size and the history's length (their range
     * and default), how many entries a filtered page examines, and up to which size the summary is counted at the
     * request. The document used to be generated from these constants; written by hand, it once kept an old bound.
     */
    @Test
    void statesTheCodesLimits() {
        Map<String, Object> list = operations().get("GET /api/mcp/clients");
        assertThat((String) list.get("description"))
                .contains("after examining " + FleetQuery.MAX_EXAMINED + " of them")
                .contains("up to " + FleetQuery.COUNTED_NOW_UP_TO + " endpoints");
        assertThat(parameter(list, "limit"))
                .contains("1-" + FleetController.MAX_LIMIT + " (default " + FleetController.DEFAULT_LIMIT + ")");
        assertThat(parameter(operations().get("GET /api/mcp/clients/{id}"), "history"))
                .contains("1-" + FleetController.MAX_HISTORY + " (default " + FleetController.DEFAULT_HISTORY + ")");
        String summary = (String) map(map(map(document.get("components")).get("schemas"))
                .get("FleetPayload.SummaryPayload")).get("description");
        assertThat(summary).contains("up to " + FleetQuery.COUNTED_NOW_UP_TO + " endpoints");
    }

    /** The description of an operation's parameter. */
    private static String parameter(Map<String, Object> operation, String name) {
        return ((List<?>) operation.get("parameters")).stream().map(PayloadContractHandlerTest::map)
                .filter(p -> name.equals(p.get("name"))).map(p -> (String) p.get("description"))
                .findFirst().orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    /** Every operation of the document by "METHOD /path". */
    private Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
        map(document.get("paths")).forEach((path, methods) -> map(methods).forEach((method, operation) ->
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path, map(operation))));
        return operations;
    }

    private static boolean isApi(ApiRoutes.Route route) {
        return route.template().startsWith("/api/mcp/");
    }

    private static String key(ApiRoutes.Route route) {
        return route.method() + " " + route.template();
    }
}
