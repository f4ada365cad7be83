package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.domain.service.GuardedProber;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The fleet as operators and the dashboard read it, and "check now". */
@Singleton
class FleetController {

    static final int DEFAULT_HISTORY = 60;
    static final int MAX_HISTORY = 500;
    /**
     * Rows per page, so that a page stays far below Lambda's 6 MB response limit whatever the rows hold. Measured
     * (PagedListHandlerTest prints it): a typical row is ~0.8 KB of JSON (81 KB for a default page; B4 saw 8.2 MiB
     * for 10,000), and a row that uses every field to the registry's limits (32 labels of the longest names and
     * values, a 200-character name, a 2,000-character URL, a failure with the longest stored error) ~9.3 KB, so the
     * largest page of the largest rows is ~2.3 MB.
     */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 250;

    private final FleetQuery fleet;
    /**
     * Built on the first "check now", not with the controller: the checker brings the whole probe (its HTTP client,
     * the secrets and EventBridge clients), which the read routes — a cold start's usual first request — never use.
     */
    private final BeanProvider<EndpointChecker> checker;
    private final Payloads payloads;

    FleetController(FleetQuery fleet, BeanProvider<EndpointChecker> checker, Payloads payloads) {
        this.fleet = fleet;
        this.checker = checker;
        this.payloads = payloads;
    }

    /** {@code GET /api/mcp/clients}: its parameters are described in the OpenAPI document. */
    Reply list(ApiRequest request) {
        FleetQuery.Filter filter = FleetFilters.parse(request.query("status").orElse(null), request.queryAll("label"),
                request.query("search").orElse(null), request.query("id_prefix").orElse(null));
        int pageSize = wholeNumber("limit", request.query("limit").orElse(null), DEFAULT_LIMIT, MAX_LIMIT);
        FleetQuery.FleetPage page = fleet.page(filter, FleetCursor.decode(request.query("next").orElse(null), filter), pageSize);
        return Reply.ok(payloads.fleet(page, page.next().map(after -> FleetCursor.encode(filter, after))));
    }

    /**
     * {@code GET /api/mcp/clients/{id}}: one endpoint with its recent checks (newest first) and uptime over them. With
     * {@code history_after} (the newest check a chart holds) only the checks made since, while that check is still in
     * the history ({@code history_continues}); otherwise the recent checks as without it.
     */
    Reply get(String id, ApiRequest request) {
        EndpointId endpointId = PathIds.endpointId(id);
        int limit = historyLimit(request.query("history").orElse(null));
        Optional<Instant> after = instant("history_after", request.query("history_after").orElse(null));
        return Reply.ok(detail(endpointId, limit, after));
    }

    /** {@code POST /api/mcp/clients/{id}/check}: probes the endpoint now, stores the result, returns its new view. */
    Reply check(String id) {
        EndpointId endpointId = PathIds.endpointId(id);
        var endpoint = fleet.get(endpointId).orElseThrow(() -> ApiException.notFound("endpoint", id)).endpoint();
        if (!checker.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("not_available", "this deployment has no prober, so it cannot check now"));
        }
        try {
            checker.get().checkNow(OnRequestProbe.withinGatewayLimit(endpoint), OnRequestProbe.BUDGET);
        } catch (GuardedProber.LocalOverload overload) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of("overloaded", overload.getMessage()));
        }
        return Reply.ok(detail(endpointId, DEFAULT_HISTORY, Optional.empty()));
    }

    /** The endpoint's view with the checks after {@code after} when it can, else its recent history whole. */
    private ClientDetailPayload detail(EndpointId id, int historyLimit, Optional<Instant> after) {
        var view = fleet.get(id).orElseThrow(() -> ApiException.notFound("endpoint", id.value()));
        return after.flatMap(at -> fleet.historyAfter(id, historyLimit, at))
                .map(since -> payloads.detail(view, since, true))
                .orElseGet(() -> payloads.detail(view, fleet.history(id, historyLimit), false));
    }

    /** An RFC 3339 instant, as the API writes {@code checked_at}; empty when the parameter is absent. */
    private static Optional<Instant> instant(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_parameter", name, name + " " + Shown.text(raw)
                    + " is not an instant such as 2026-12-05T08:00:03.120Z (a check's checked_at)");
        }
    }

    private static int historyLimit(String raw) {
        return wholeNumber("history", raw, DEFAULT_HISTORY, MAX_HISTORY);
    }

    private static int wholeNumber(String name, String raw, int defaultValue, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        // ASCII digits only: Integer.parseInt also takes fullwidth and other scripts' digits ("２０")
        if (raw.length() <= 9 && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= max) {
                return value;
            }
        }
        throw ApiException.badRequest("invalid_parameter", name,
                name + " " + Shown.text(raw) + " is not a whole number from 1 to " + max);
    }
}
