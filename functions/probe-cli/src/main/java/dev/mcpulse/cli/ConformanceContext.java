package dev.mcpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.SecretValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code mcpulse-probe --conformance}: what the MCP conformance suite ({@code @modelcontextprotocol/conformance}) hands
 * its client under test. The suite names the scenario in {@value #SCENARIO} and, for the client-credentials
 * scenarios, puts the credentials in {@value #CONTEXT} as JSON: {@code client_id} with {@code client_secret}
 * ({@code auth/client-credentials-basic}), or with {@code private_key_pem} and an optional {@code signing_algorithm}
 * ({@code auth/client-credentials-jwt}). They become an {@code oauth-client-credentials} auth, validated like any
 * other, and the credential itself, which is passed to the probe and never written anywhere.
 *
 * @param auth the registry entry's {@code auth}, a reference to the context variable and never a value; empty when
 *             the scenario gives no credentials
 */
record ConformanceContext(String scenario, Optional<Map<String, Object>> auth, Optional<SecretValue> credential) {

    static final String SCENARIO = "MCP_CONFORMANCE_SCENARIO";
    static final String CONTEXT = "MCP_CONFORMANCE_CONTEXT";

    static ConformanceContext read(Function<String, String> environment) throws ProbeArguments.UsageError {
        String scenario = Optional.ofNullable(environment.apply(SCENARIO)).filter(s -> !s.isBlank())
                .orElseThrow(() -> new ProbeArguments.UsageError("--conformance runs under the MCP conformance suite,"
                        + " which names the scenario in " + SCENARIO + "; it is not set"));
        String text = environment.apply(CONTEXT);
        if (text == null || text.isBlank()) {
            return new ConformanceContext(scenario, Optional.empty(), Optional.empty());
        }
        JsonNode context = parse(text);
        Optional<String> named = text(context, "name");
        if (named.isPresent() && !named.get().equals(scenario)) {
            throw new ProbeArguments.UsageError(CONTEXT + " is for the scenario " + named.get() + ", not " + scenario);
        }
        String clientId = text(context, "client_id").orElseThrow(() -> new ProbeArguments.UsageError(
                CONTEXT + " holds no client_id (a string)"));
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", AuthRef.OAUTH_CLIENT_CREDENTIALS);
        auth.put("clientId", clientId);
        auth.put("secret", "env/" + CONTEXT);
        Optional<String> secret = text(context, "client_secret");
        Optional<String> privateKey = text(context, "private_key_pem");
        if (secret.isPresent() == privateKey.isPresent()) {
            throw new ProbeArguments.UsageError(CONTEXT + " must hold exactly one of client_secret and private_key_pem");
        }
        if (secret.isPresent()) {
            auth.put("key", "client_secret");
            auth.put("tokenEndpointAuth", "client_secret_basic");
        } else {
            auth.put("key", "private_key_pem");
            auth.put("tokenEndpointAuth", "private_key_jwt");
            text(context, "signing_algorithm").ifPresent(alg -> auth.put("signingAlg", alg));
        }
        return new ConformanceContext(scenario, Optional.of(auth), secret.or(() -> privateKey).map(SecretValue::new));
    }

    private static JsonNode parse(String text) throws ProbeArguments.UsageError {
        try {
            JsonNode node = new ObjectMapper().readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // reported below; the message could quote the credentials
        }
        throw new ProbeArguments.UsageError(CONTEXT + " is not a JSON object");
    }

    private static Optional<String> text(JsonNode context, String field) {
        JsonNode value = context.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
