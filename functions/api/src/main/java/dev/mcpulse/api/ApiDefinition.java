package dev.mcpulse.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The OpenAPI document's header; micronaut-openapi builds the rest from the controllers at compile time. */
@OpenAPIDefinition(info = @Info(
        title = "mcpulse",
        version = "1",
        description = "Health of a fleet of remote MCP servers: status derived at read time, check now, and the "
                + "endpoint registry. Read routes are open; admin routes need IAM authorization on AWS, or the "
                + "admin bearer token locally."))
@SecurityScheme(name = ApiDefinition.ADMIN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token (mcpulse.admin.token) locally; on AWS, API Gateway's IAM authorizer (SigV4).")
final class ApiDefinition {

    static final String ADMIN = "admin";

    private ApiDefinition() {
    }
}
