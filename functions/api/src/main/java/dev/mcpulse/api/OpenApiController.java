package dev.mcpulse.api;

import jakarta.inject.Singleton;

/**
 * Serves the API's OpenAPI document, kept beside the routes in this module's resources. {@code OpenApiDocumentTest}
 * holds it to {@link ApiRoutes}: the same operations, and the admin security requirement on exactly the admin routes.
 */
@Singleton
class OpenApiController {

    static final String DOCUMENT = "openapi/mcpulse-api.yml";

    private final String document;

    OpenApiController() {
        this.document = StaticFiles.read(DOCUMENT)
                .orElseThrow(() -> new IllegalStateException(DOCUMENT + " is missing from the jar"));
    }

    /** {@code GET /api/openapi.yml}. */
    Reply document() {
        return Reply.text(document, "application/yaml; charset=utf-8");
    }
}
