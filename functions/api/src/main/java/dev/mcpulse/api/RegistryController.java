package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.FieldError;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.domain.service.RegistryEditor;
import dev.mcpulse.wiring.MonitorSettings;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registry admin: one entry by id, a whole fleet file, and validate-before-save. Every body goes through the
 * domain's validators (the same rules as fleet files and the local runner); a rejected request changes nothing.
 */
@Singleton
class RegistryController {

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

    /** {@code PUT /api/mcp/endpoints/{id}}: creates (201) or replaces (200) one endpoint. */
    Reply put(String id, ApiRequest request) {
        EndpointId endpointId = PathIds.endpointId(id);
        Endpoint endpoint = jsonEntry(request, Optional.of(endpointId));
        boolean created = switch (editor.put(endpoint)) {
            case RegistryEditor.Put.Saved saved -> saved.created();
            case RegistryEditor.Put.Refused refused -> throw invalidEntry(refused.errors());
        };
        EndpointPayload payload = payloads.endpoint(fleet.get(endpointId).orElseThrow());
        return created ? Reply.json(201, payload).withHeader("Location", "/api/mcp/clients/" + endpointId)
                : Reply.ok(payload);
    }

    /** {@code DELETE /api/mcp/endpoints/{id}}: removes one endpoint with its snapshot and history (204). */
    Reply delete(String id) {
        EndpointId endpointId = PathIds.endpointId(id);
        if (!editor.delete(endpointId)) {
            throw ApiException.notFound("endpoint", id);
        }
        return Reply.noContent();
    }

    /** {@code POST /api/mcp/endpoints:import}: a fleet file (YAML or JSON), all entries or none. */
    Reply importFleet(ApiRequest request) {
        boolean json = RequestBodies.isJsonElseYaml(request);
        String text = RequestBodies.require(request, FleetFile.MAX_BYTES, "a fleet file: a list of endpoint entries");
        FleetFile.Parsed parsed = json ? fleetFile.parseDocument(JsonBody.read(text)) : fleetFile.parse(text);
        if (!parsed.valid()) {
            throw invalidFleet(parsed.errors());
        }
        return switch (editor.importAll(parsed.endpoints())) {
            case RegistryEditor.Import.Done done -> Reply.ok(new ImportPayload(done.count(), ids(done.created()),
                    ids(done.replaced())));
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

    /** {@code POST /api/mcp/endpoints:validate}: validates an entry and probes it once, storing nothing. */
    Reply validate(ApiRequest request) {
        Endpoint endpoint = jsonEntry(request, Optional.empty());
        return switch (editor.validate(OnRequestProbe.withinGatewayLimit(endpoint), OnRequestProbe.BUDGET)) {
            case RegistryEditor.Validation.Probed probed -> Reply.ok(ValidationPayload.of(endpoint, probed.trial()));
            case RegistryEditor.Validation.NoVerdict none -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("overloaded", none.reason()));
            case RegistryEditor.Validation.Refused refused -> throw invalidEntry(refused.errors());
            case RegistryEditor.Validation.NoProber none -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("not_available", "this deployment has no prober, so it cannot validate by probing"));
        };
    }

    /** The JSON body of a PUT or a validate as an endpoint: its type, presence and size checked, then its fields. */
    private Endpoint jsonEntry(ApiRequest request, Optional<EndpointId> pathId) {
        RequestBodies.requireJson(request);
        return entry(JsonBody.read(RequestBodies.require(request, RequestBodies.MAX_ENTRY_BYTES,
                "a JSON object with the endpoint's fields")), pathId);
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
