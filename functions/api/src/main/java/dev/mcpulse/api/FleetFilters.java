package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.service.FleetQuery;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The list route's filters: {@code status=<status>} and {@code label=<key>:<value>}, repeatable (every label must
 * match). API Gateway joins repeated query values with commas, so commas separate labels everywhere:
 * {@code label=team:a,env:prod} means the same as two {@code label} parameters, and a label value that itself holds a
 * comma cannot be filtered on.
 */
final class FleetFilters {

    private static final int MAX_LABELS = 16;
    private static final int MAX_SEARCH = 200;

    private FleetFilters() {
    }

    static FleetQuery.Filter parse(String status, List<String> labels) {
        return parse(status, labels, null);
    }

    static FleetQuery.Filter parse(String status, List<String> labels, String search) {
        return parse(status, labels, search, null);
    }

    static FleetQuery.Filter parse(String status, List<String> labels, String search, String idPrefix) {
        return new FleetQuery.Filter(status(status), labels(labels == null ? List.of() : labels), search(search),
                idPrefix(idPrefix));
    }

    /**
     * The start of an id, ignoring case as ids are lower case, or nothing. What can begin an id is exactly what can be
     * one (an id's every prefix has the id's shape), so the id's own rule checks it.
     */
    private static String idPrefix(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        return EndpointId.parse(raw.toLowerCase(Locale.ROOT)).map(EndpointId::value)
                .orElseThrow(() -> ApiException.badRequest("invalid_filter", "id_prefix", "id_prefix " + Shown.text(raw)
                        + " cannot begin an endpoint id: expected " + EndpointId.EXPECTED));
    }

    private static Optional<String> search(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (raw.length() > MAX_SEARCH) {
            throw ApiException.badRequest("invalid_filter", "search",
                    "search is " + raw.length() + " characters long; at most " + MAX_SEARCH + " are allowed");
        }
        return Optional.of(raw.strip());
    }

    private static Optional<Status> status(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(Status.values())
                .filter(s -> s.code().equals(raw))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid_filter", "status",
                        "status " + Shown.text(raw) + " is not a status: expected one of "
                                + Arrays.stream(Status.values()).map(Status::code).collect(Collectors.joining(", ")))));
    }

    private static Map<String, String> labels(List<String> values) {
        List<String> raw = values.stream().flatMap(v -> Arrays.stream(v.split(","))).toList();
        if (raw.size() > MAX_LABELS) {
            throw ApiException.badRequest("invalid_filter", "label", "at most " + MAX_LABELS + " label filters");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String filter : raw) {
            int colon = filter.indexOf(':');
            if (colon < 1 || colon > 63) {
                throw ApiException.badRequest("invalid_filter", "label", "label filter " + Shown.text(filter)
                        + " is not key:value: expected a label name, a colon and the value, like team:payments");
            }
            String key = filter.substring(0, colon);
            String value = filter.substring(colon + 1);
            String earlier = labels.putIfAbsent(key, value);
            if (earlier != null && !earlier.equals(value)) {
                throw ApiException.badRequest("invalid_filter", "label",
                        "label " + Shown.text(key) + " is filtered on two different values; no endpoint can match both");
            }
        }
        return labels;
    }
}
