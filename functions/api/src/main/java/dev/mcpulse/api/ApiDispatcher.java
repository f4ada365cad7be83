package dev.mcpulse.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every request, whoever carried it: gives it an id (API Gateway's, a sane {@code X-Request-Id}, or a new one) that
 * goes into the logging context of everything it runs and back as {@code X-Request-Id}; finds its route
 * ({@link ApiRoutes}), checks who may use it ({@link Authorization}), runs it, and turns what it threw into the
 * API's JSON error. Logs one line per request: method, route, status and duration — never headers, bodies or query
 * strings, which may carry credentials. A fault no route expected is logged once at ERROR with the request id and
 * answered with that id, never with the fault's own text, which can quote the input or internals.
 */
@Singleton
public final class ApiDispatcher {

    /** An answer ready to send: the body is text (JSON already written), or null for none. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    static final String REQUEST_ID = "requestId";
    private static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._=+/-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

    private final ApiRoutes routes;
    private final Authorization authorization;
    private final JsonMapper json;

    ApiDispatcher(ApiRoutes routes, Authorization authorization, JsonMapper json) {
        this.routes = routes;
        this.authorization = authorization;
        this.json = json;
    }

    public Response handle(ApiRequest request) {
        long started = System.nanoTime();
        String id = requestId(request);
        String route = "(no route)";
        Reply reply;
        try (MDC.MDCCloseable ignored = MDC.putCloseable(REQUEST_ID, id)) {
            try {
                request.headerWithControlCharacter().ifPresent(header -> {
                    throw ApiException.badRequest("invalid_header", header, "the header " + Shown.text(header)
                            + " holds a control character, which HTTP does not allow in a header");
                });
                ApiRoutes.Match match = routes.find(request.method(), request.rawPath());
                if (match instanceof ApiRoutes.Match.Found found) {
                    route = found.route().template();
                }
                reply = answer(request, match);
            } catch (ApiException refused) {
                reply = Reply.error(refused);
            } catch (RuntimeException fault) {
                reply = unexpected(id, fault);
            }
            Response response = written(reply.withHeader(HEADER, id), id);
            LOG.atInfo()
                    .addKeyValue(REQUEST_ID, id)
                    .addKeyValue("method", request.method())
                    .addKeyValue("route", route)
                    .addKeyValue("status", response.status())
                    .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
                    .log("request");
            return response;
        }
    }

    private Reply answer(ApiRequest request, ApiRoutes.Match match) {
        return switch (match) {
            case ApiRoutes.Match.NotFound none -> Reply.json(HttpStatus.NOT_FOUND.getCode(), noSuchRoute());
            case ApiRoutes.Match.WrongMethod wrong -> Reply.json(HttpStatus.METHOD_NOT_ALLOWED.getCode(),
                            ApiError.of("method_not_allowed", "this route accepts only " + String.join(", ", wrong.allowed())))
                    .withHeader("Allow", String.join(", ", wrong.allowed()));
            case ApiRoutes.Match.Found found -> {
                Optional<Reply> refusal = authorization.refusal(request, found.route().access());
                yield refusal.isPresent() ? refusal.get() : found.route().handler().handle(request, found.path());
            }
        };
    }

    /** The 404 of a path no route serves; also the local runner's, for one its HTTP server refuses itself. */
    public static ApiError noSuchRoute() {
        return ApiError.of("not_found", "no such route: /api/openapi.yml lists the routes this API serves");
    }

    private static Reply unexpected(String id, RuntimeException fault) {
        LOG.atError()
                .addKeyValue(REQUEST_ID, id)
                .setCause(fault)
                .log("request failed: {}", fault.getClass().getSimpleName());
        return Reply.json(HttpStatus.INTERNAL_SERVER_ERROR.getCode(), ApiError.of("internal_error",
                "the request failed on the server; it is logged with request id " + id));
    }

    /** The reply with its body as text: a value becomes JSON; a value that cannot is a fault like any other. */
    private Response written(Reply reply, String id) {
        if (reply.body() == null || reply.body() instanceof String) {
            return new Response(reply.status(), reply.headers(), (String) reply.body());
        }
        try {
            return new Response(reply.status(), reply.headers(), json.writeValueAsString(reply.body()));
        } catch (IOException | RuntimeException e) {
            // An ApiError always serializes, so this goes one level deep at most.
            return written(unexpected(id, e instanceof RuntimeException r ? r : new IllegalStateException(e))
                    .withHeader(HEADER, id), id);
        }
    }

    private static String requestId(ApiRequest request) {
        return request.gatewayId().filter(i -> SAFE_ID.matcher(i).matches())
                .or(() -> request.header(HEADER).filter(h -> SAFE_ID.matcher(h).matches()))
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
