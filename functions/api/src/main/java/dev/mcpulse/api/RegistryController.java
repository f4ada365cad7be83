package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.FieldError;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.domain.service.RegistryEditor;
import dev.mcpulse.wiring.MonitorSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registry admin: one entry by id, a whole fleet file, and validate-before-save. Every body goes through the
 * domain's validators (the same rules as fleet files and the local runner); a rejected request changes nothing.
 */
@Controller(value = "/api/mcp", produces = MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "400", description = "the body or id is invalid; every field problem is listed",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "401", description = "no valid admin token",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "no IAM authorization and no configured token",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "404", description = "no endpoint with this id",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "413", description = "the body is too large",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "415", description = "the Content-Type is not accepted",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@Tag(name = "registry")
@SecurityRequirement(name = ApiDefinition.ADMIN)
class RegistryController {

    /** An entry as the OpenAPI document shows it; the body itself is read and validated by the domain's parser. */
    static final String ENTRY_EXAMPLE = "{\"name\": \"Payments MCP\", \"url\": \"https://mcp.payments.example.com/mcp\", "
            + "\"labels\": {\"team\": \"payments\"}, \"transport\": \"auto\", "
            + "\"auth\": {\"type\": \"bearer\", \"secret\": \"mcpulse/payments/token\"}, \"timeoutMs\": 8000, "
            + "\"readiness\": {\"tool\": \"get_balance\", \"arguments\": {}}, \"enabled\": true}";
    static final String FLEET_EXAMPLE = "endpoints:\n  - id: payments-mcp\n    url: https://mcp.payments.example.com/mcp\n"
            + "    auth: {type: bearer, secret: mcpulse/payments/token}\n";

    private final EndpointParser parser;
    private final FleetFile fleetFile;
    private final RegistryEditor editor;
    private final FleetQuery fleet;
    private final Payloads payloads;

    RegistryController(MonitorSettings settings, RegistryEditor editor, FleetQuery fleet, Payloads payloads) {
        this.parser = new EndpointParser(settings.urlPolicy(), settings.interval());
        this.fleetFile = new FleetFile(settings.urlPolicy(), settings.interval());
        this.editor = editor;
        this.fleet = fleet;
        this.payloads = payloads;
    }

    @Put("/endpoints/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @AdminOnly
    @Operation(summary = "Create or replace one endpoint (201 when created, 200 when replaced)",
            description = "The body is one registry entry as JSON, named as in a fleet file; its id may be left out, "
                    + "and if given must equal the path's. auth holds a reference to a secret (type, secret, key, name), "
                    + "never its value. The entry's fields of a GET (id to intervalSeconds) can be sent back unchanged.")
    HttpResponse<EndpointPayload> put(@PathVariable String id, HttpRequest<?> request,
                                      @Body @Nullable @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                              schema = @Schema(type = "object"),
                                              examples = @ExampleObject(value = ENTRY_EXAMPLE))) String body) {
        EndpointId endpointId = PathIds.endpointId(id);
        RequestBodies.requireJson(request);
        Endpoint endpoint = entry(JsonBody.read(RequestBodies.require(body, RequestBodies.MAX_ENTRY_BYTES,
                "a JSON object with the endpoint's fields")), Optional.of(endpointId));
        boolean created = switch (editor.put(endpoint)) {
            case RegistryEditor.Put.Saved saved -> saved.created();
            case RegistryEditor.Put.Refused refused -> throw invalidEntry(refused.errors());
        };
        EndpointPayload payload = payloads.endpoint(fleet.get(endpointId).orElseThrow());
        return created ? HttpResponse.created(payload, URI.create("/api/mcp/clients/" + endpointId)) : HttpResponse.ok(payload);
    }

    @Delete("/endpoints/{id}")
    @AdminOnly
    @Operation(summary = "Remove one endpoint with its snapshot and history (204; 404 when unknown)")
    HttpResponse<Void> delete(@PathVariable String id) {
        EndpointId endpointId = PathIds.endpointId(id);
        if (!editor.delete(endpointId)) {
            throw ApiException.notFound("endpoint", id);
        }
        return HttpResponse.noContent();
    }

    @Post("/endpoints:import")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.APPLICATION_JSON})
    @AdminOnly
    @Operation(summary = "Import a fleet file (YAML or JSON): all entries or none",
            description = "Creates or replaces every entry of the file; endpoints not in the file are left as they "
                    + "are. A file with any problem imports nothing and every problem is listed.")
    ImportPayload importFleet(HttpRequest<?> request,
                              @Body @Nullable @RequestBody(content = @Content(mediaType = "application/yaml",
                                      schema = @Schema(type = "string"),
                                      examples = @ExampleObject(value = FLEET_EXAMPLE))) String body) {
        boolean json = RequestBodies.isJsonElseYaml(request);
        String text = RequestBodies.require(body, FleetFile.MAX_BYTES, "a fleet file: a list of endpoint entries");
        FleetFile.Parsed parsed = json ? fleetFile.parseDocument(JsonBody.read(text)) : fleetFile.parse(text);
        if (!parsed.valid()) {
            throw invalidFleet(parsed.errors());
        }
        return switch (editor.importAll(parsed.endpoints())) {
            case RegistryEditor.Import.Done done -> new ImportPayload(done.count(), ids(done.created()), ids(done.replaced()));
            case RegistryEditor.Import.Refused refused -> throw invalidFleet(refused.errors());
        };
    }

    private static List<String> ids(List<EndpointId> ids) {
        return ids.stream().map(EndpointId::value).toList();
    }

    /** Every problem of the file, each naming its entry (none for a problem of the whole file, entry 0). */
    private static ApiException invalidFleet(List<FleetFile.EntryError> errors) {
        List<ApiError.Problem> problems = errors.stream()
                .map(e -> new ApiError.Problem(e.error().field(), e.message(),
                        e.entry() == 0 ? null : e.entry(), e.id().orElse(null)))
                .toList();
        return ApiException.invalid("invalid_fleet_file", "the fleet file has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "; nothing was imported", problems);
    }

    @Post("/endpoints:validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @AdminOnly
    @Operation(summary = "Validate an entry and probe it once, storing nothing",
            description = "Takes an entry exactly as PUT does (with its id). Returns the field errors (400), or what "
                    + "one probe saw and the status the endpoint would have.")
    ValidationPayload validate(HttpRequest<?> request,
                               @Body @Nullable @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                       schema = @Schema(type = "object"))) String body) {
        RequestBodies.requireJson(request);
        Endpoint endpoint = entry(JsonBody.read(RequestBodies.require(body, RequestBodies.MAX_ENTRY_BYTES,
                "a JSON object with the endpoint's fields")), Optional.empty());
        return switch (editor.validate(OnRequestProbe.withinGatewayLimit(endpoint), OnRequestProbe.BUDGET)) {
            case RegistryEditor.Validation.Probed probed -> ValidationPayload.of(endpoint, probed.trial());
            case RegistryEditor.Validation.NoVerdict none -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("overloaded", none.reason()));
            case RegistryEditor.Validation.Refused refused -> throw invalidEntry(refused.errors());
            case RegistryEditor.Validation.NoProber none -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("not_available", "this deployment has no prober, so it cannot validate by probing"));
        };
    }

    /** The entry as an endpoint, or a 400 listing every field problem. */
    private Endpoint entry(Object document, Optional<EndpointId> pathId) {
        if (!(document instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("invalid_endpoint", "(entry)",
                    "the body must be a JSON object with the endpoint's fields");
        }
        Map<Object, Object> entry = new LinkedHashMap<>(map);
        if (pathId.isPresent()) {
            Object bodyId = entry.get("id");
            if (entry.containsKey("id") && !pathId.get().value().equals(bodyId)) {
                String shown = bodyId instanceof String s && EndpointId.parse(s).isPresent() ? "\"" + s + "\"" : "another value";
                throw ApiException.badRequest("id_mismatch", "id", "the body's id (" + shown
                        + ") differs from the path's (\"" + pathId.get() + "\"): leave it out or make them equal");
            }
            entry.put("id", pathId.get().value());
        }
        return switch (parser.parse(entry)) {
            case EndpointParser.Result.Valid valid -> valid.endpoint();
            case EndpointParser.Result.Invalid invalid -> throw invalidEntry(invalid.errors());
        };
    }

    private static ApiException invalidEntry(List<FieldError> errors) {
        return ApiException.invalid("invalid_endpoint", "the entry has " + errors.size()
                        + (errors.size() == 1 ? " problem" : " problems") + "; nothing was saved",
                errors.stream().map(e -> ApiError.Problem.of(e.field(), e.message())).toList());
    }
}
