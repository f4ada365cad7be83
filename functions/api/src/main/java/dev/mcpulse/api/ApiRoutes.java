package dev.mcpulse.api;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every route the API serves, as one table: method, path template, who may use it, and the handler. A path is split
 * into segments before they are percent-decoded, so {@code %2F} inside an id stays in that id (and is refused by
 * name), and {@code ..} is a segment like any other, never resolved. A path that arrives already decoded (API
 * Gateway's HTTP API passes it so) names the same segments as the client's encoded one: a {@code %} that starts no
 * escape, or a character that may not stand in a path, is read as itself. A template's {@code {name}} matches one
 * non-empty segment. The handlers' classes are built on first use, so a cold start that lists the fleet builds
 * neither the registry's editor nor the dashboard.
 */
@Singleton
final class ApiRoutes {

    /** What a route does with a request and its path variables. */
    @FunctionalInterface
    interface Handler {
        Reply handle(ApiRequest request, Map<String, String> path);
    }

    /** {@code parts}: the template's segments, split once when the table is built. */
    record Route(String method, String template, Access access, Handler handler, List<String> parts) {

        Route(String method, String template, Access access, Handler handler) {
            this(method, template, access, handler, segments(template));
        }

        /** The path variables when the path fits this route's template. */
        Optional<Map<String, String>> match(List<String> path) {
            if (parts.size() != path.size()) {
                return Optional.empty();
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                String expected = parts.get(i);
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    if (path.get(i).isEmpty()) {
                        return Optional.empty();
                    }
                    variables.put(expected.substring(1, expected.length() - 1), path.get(i));
                } else if (!expected.equals(path.get(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(variables);
        }
    }

    /** The outcome of looking a request up. */
    sealed interface Match {
        record Found(Route route, Map<String, String> path) implements Match {
        }

        /** The path exists, but not with this method; {@code allowed}: the methods it takes, in order. */
        record WrongMethod(List<String> allowed) implements Match {
        }

        record NotFound() implements Match {
        }
    }

    private final List<Route> routes;

    ApiRoutes(BeanProvider<DashboardController> dashboard, BeanProvider<AuthConfigController> signIn,
              BeanProvider<OpenApiController> openApi, BeanProvider<FleetController> fleet,
              BeanProvider<RegistryController> registry) {
        this.routes = List.of(
                new Route("GET", "/", Access.SHELL, (request, path) -> dashboard.get().page()),
                new Route("GET", "/assets/{name}", Access.SHELL, (request, path) -> dashboard.get().asset(path.get("name"))),
                new Route("GET", "/api/auth/config", Access.SHELL, (request, path) -> signIn.get().config()),
                new Route("GET", "/api/openapi.yml", Access.READ, (request, path) -> openApi.get().document()),
                new Route("GET", "/api/mcp/clients", Access.READ, (request, path) -> fleet.get().list(request)),
                new Route("GET", "/api/mcp/clients/{id}", Access.READ,
                        (request, path) -> fleet.get().get(path.get("id"), request)),
                new Route("POST", "/api/mcp/clients/{id}/check", Access.ADMIN,
                        (request, path) -> fleet.get().check(path.get("id"))),
                new Route("PUT", "/api/mcp/endpoints/{id}", Access.ADMIN,
                        (request, path) -> registry.get().put(path.get("id"), request)),
                new Route("DELETE", "/api/mcp/endpoints/{id}", Access.ADMIN,
                        (request, path) -> registry.get().delete(path.get("id"))),
                new Route("POST", "/api/mcp/endpoints:import", Access.ADMIN,
                        (request, path) -> registry.get().importFleet(request)),
                new Route("POST", "/api/mcp/endpoints:validate", Access.ADMIN,
                        (request, path) -> registry.get().validate(request)));
    }

    List<Route> all() {
        return routes;
    }

    Match find(String method, String rawPath) {
        List<String> path = segments(rawPath);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.match(path);
            if (variables.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match.Found(route, variables.get());
                }
                allowed.add(route.method());
            }
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.WrongMethod(List.copyOf(allowed));
    }

    /** The path's segments, each percent-decoded as UTF-8 ({@code +} stays a plus: that rule is the query's). */
    static List<String> segments(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String inner = path.startsWith("/") ? path.substring(1) : path;
        List<String> segments = new ArrayList<>();
        if (inner.isEmpty()) {
            return segments;
        }
        for (String segment : inner.split("/", -1)) {
            segments.add(decode(segment));
        }
        return segments;
    }

    /** Percent-decoding; a {@code %} that starts no escape stays as it is, and bytes that are not UTF-8 become U+FFFD. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); ) {
            if (segment.charAt(i) == '%' && i + 2 < segment.length()
                    && hex(segment.charAt(i + 1)) >= 0 && hex(segment.charAt(i + 2)) >= 0) {
                bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 3;
            } else {
                int c = segment.codePointAt(i);
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** ASCII hex digits only: {@code Character.digit} also takes other scripts' digits. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
