package dev.mcpulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (API Gateway's, a sane {@code X-Request-Id}, or a new one), puts it in the logging
 * context of everything the request runs, returns it as {@code X-Request-Id}, and logs one line per request:
 * method, route, status and duration. Never headers, bodies or query strings, which may carry credentials.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestLogFilter implements Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    static final String REQUEST_ID = "requestId";
    private static final String HEADER = "X-Request-Id";
    private static final String STARTED = "mcpulse.startedNanos";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._=+/-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogFilter.class);

    @RequestFilter
    void begin(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = requestId(request);
        request.setAttribute(REQUEST_ID, id);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new MdcPropagationContext(Map.of(REQUEST_ID, id)));
    }

    @ResponseFilter
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getAttribute(REQUEST_ID, String.class).orElseGet(() -> requestId(request));
        response.header(HEADER, id);
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        String route = RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toString())
                .orElse("(no route)");
        LOG.atInfo()
                .addKeyValue(REQUEST_ID, id)
                .addKeyValue("method", request.getMethodName())
                .addKeyValue("route", route)
                .addKeyValue("status", response.code())
                .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
                .log("request");
    }

    private static String requestId(HttpRequest<?> request) {
        return apiGatewayRequestId(request)
                .or(() -> request.getHeaders().get(HEADER, String.class).filter(h -> SAFE_ID.matcher(h).matches()))
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    private static Optional<String> apiGatewayRequestId(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null) {
            return Optional.ofNullable(event.getRequestContext().getRequestId()).filter(i -> SAFE_ID.matcher(i).matches());
        }
        return Optional.empty();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
