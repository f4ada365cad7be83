package dev.mcpulse.api;

import java.util.function.UnaryOperator;

/**
 * One malformed API request of the corpus: its category (for the summary), what is wrong with it, the API Gateway
 * event fixture it starts from and the change that breaks it, and the answer expected — the 4xx status and the field
 * the error must name ({@code null} where no field is at fault: an unknown route or method).
 */
record BadRequest(String category, String name, String fixture, UnaryOperator<ApiHarness.Request> change, int status,
                  String field) {

    static final String PUT = "put-endpoint.json";
    static final String VALIDATE = "validate-endpoint.json";
    static final String IMPORT_YAML = "import-fleet-yaml.json";
    static final String IMPORT_JSON = "import-fleet-json.json";
    static final String GET = "get-client.json";
    static final String LIST = "list-clients.json";
    static final String CHECK = "check-now.json";
    static final String DELETE = "delete-endpoint.json";

    @Override
    public String toString() {
        return category + ": " + name;
    }
}
