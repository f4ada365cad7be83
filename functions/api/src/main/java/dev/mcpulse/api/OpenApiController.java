package dev.mcpulse.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

/** Serves the OpenAPI document micronaut-openapi generated from the controllers at build time. */
@Controller
@Hidden
class OpenApiController {

    /** Named by the {@code micronaut.openapi.filename} processor option in this module's pom. */
    static final String DOCUMENT = "META-INF/swagger/mcpulse-api.yml";

    private final String document;

    OpenApiController() {
        this.document = StaticFiles.read(DOCUMENT)
                .orElseThrow(() -> new IllegalStateException(DOCUMENT + " is missing from the jar: the OpenAPI"
                        + " annotation processor did not run"));
    }

    @Get("/api/openapi.yml")
    HttpResponse<String> document() {
        return HttpResponse.ok(document).contentType("application/yaml; charset=utf-8");
    }
}
