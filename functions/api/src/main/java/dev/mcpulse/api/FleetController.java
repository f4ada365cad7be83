package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.domain.service.GuardedProber;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The fleet as operators and the dashboard read it, and "check now". */
@Controller(value = "/api/mcp/clients", produces = MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "400", description = "a filter, parameter or id is invalid",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "401", description = "admin route without a valid admin token",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "admin route without IAM authorization or a configured token",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "404", description = "no endpoint with this id",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@Tag(name = "fleet")
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

    /** Labels are read from the request: a bound List would get only the first of API Gateway's values. */
    @Get
    @Operation(summary = "List the endpoints with their derived status, page by page in id order, with the fleet's"
            + " summary and the scheduler's freshness",
            description = "Returns up to `limit` endpoints. While `next` is present, more may follow: send it back"
                    + " with the same filters to get the following page. A page can hold fewer rows than `limit`"
                    + " (even none) and still have a `next`: a filter that matches few endpoints stops after examining"
                    + " " + FleetQuery.MAX_EXAMINED + " of them, so every request stays short. The summary is the"
                    + " whole fleet's, whatever the filters, as counted at `counted_at`: now for a fleet of up to "
                    + FleetQuery.MAX_EXAMINED + " endpoints, otherwise by the last scheduler cycle (when it is on"
                    + " time).")
    @Parameter(name = "label", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")),
            description = "only endpoints with this label, as key:value; repeat or comma-separate for several (all"
                    + " must match)")
    FleetPayload list(
            @Parameter(description = "only endpoints with this status: connected, configured_but_unconnected, unhealthy")
            @QueryValue @Nullable String status,
            @Parameter(description = "only endpoints whose id, name or URL contains this text, ignoring case (at most"
                    + " 200 characters)")
            @QueryValue @Nullable String search,
            @Parameter(description = "only endpoints whose id starts with this, ignoring case; unlike the other filters"
                    + " it is served by the table's keys, so a page reads only the matching endpoints however large the"
                    + " fleet: the way to find one endpoint by its id")
            @QueryValue("id_prefix") @Nullable String idPrefix,
            @Parameter(description = "how many endpoints to return, 1-" + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
            @QueryValue @Nullable String limit,
            @Parameter(description = "the `next` of the previous page, unchanged, to get the page after it; the"
                    + " filters must be the same as that page's")
            @QueryValue @Nullable String next,
            HttpRequest<?> request) {
        FleetQuery.Filter filter = FleetFilters.parse(status, request.getParameters().getAll("label"), search, idPrefix);
        int pageSize = wholeNumber("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        FleetQuery.FleetPage page = fleet.page(filter, FleetCursor.decode(next, filter), pageSize);
        return payloads.fleet(page, page.next().map(after -> FleetCursor.encode(filter, after)));
    }

    @Get("/{id}")
    @Operation(summary = "One endpoint with its recent checks (newest first) and uptime over them")
    ClientDetailPayload get(@PathVariable String id,
                            @Parameter(description = "how many recent checks to return, 1-" + MAX_HISTORY
                                    + " (default " + DEFAULT_HISTORY + ")")
                            @QueryValue @Nullable String history) {
        EndpointId endpointId = PathIds.endpointId(id);
        int limit = historyLimit(history);
        return detail(endpointId, limit);
    }

    @Post("/{id}/check")
    @AdminOnly
    @SecurityRequirement(name = ApiDefinition.ADMIN)
    @Operation(summary = "Probe the endpoint now, store the result and return its new view")
    ClientDetailPayload check(@PathVariable String id) {
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
        return detail(endpointId, DEFAULT_HISTORY);
    }

    private ClientDetailPayload detail(EndpointId id, int historyLimit) {
        var view = fleet.get(id).orElseThrow(() -> ApiException.notFound("endpoint", id.value()));
        return payloads.detail(view, fleet.history(id, historyLimit));
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
