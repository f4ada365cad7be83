package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.EndpointId;

/** Endpoint ids taken from URL paths go through the one canonical validator; anything else is a 400 naming it. */
final class PathIds {

    private PathIds() {
    }

    static EndpointId endpointId(String raw) {
        return EndpointId.parse(raw).orElseThrow(() -> ApiException.badRequest("invalid_id", "id",
                "the path holds " + Shown.text(raw) + ", which is not an endpoint id: expected "
                        + EndpointId.EXPECTED));
    }
}
