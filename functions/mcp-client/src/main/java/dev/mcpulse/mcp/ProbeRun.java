package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one probe carries from step to step: the endpoint, its credential headers, the trace, the classifier. */
record ProbeRun(Endpoint endpoint, McpHttp http, ProbeTrace trace, Classifier classifier, Map<String, String> credentialHeaders) {

    static ProbeRun of(Endpoint endpoint, Optional<SecretValue> credential, McpHttp http, ProbeTrace trace) {
        Map<String, String> headers = new LinkedHashMap<>();
        credential.ifPresent(secret -> {
            switch (endpoint.auth()) {
                case AuthRef.Bearer bearer -> headers.put("Authorization", "Bearer " + secret.reveal());
                case AuthRef.Header header -> headers.put(header.headerName(), secret.reveal());
                case AuthRef.OAuthDiscovery discovery -> {
                    // No credential: the sign-in chain is checked, the server is not entered.
                }
                case AuthRef.None none -> {
                    // No credential goes on the wire for an endpoint that declares no auth.
                }
                case AuthRef.OAuthClientCredentials oauth -> {
                    // The client secret goes only to the token endpoint; the MCP server gets the access token
                    // (withAccessToken).
                }
            }
        });
        List<String> secrets = credential.map(s -> List.of(s.reveal())).orElse(List.of());
        return new ProbeRun(endpoint, http, trace, new Classifier(secrets), Map.copyOf(headers));
    }

    /** This run presenting an OAuth access token, which the classifier then also scrubs from every outcome. */
    ProbeRun withAccessToken(String token) {
        Map<String, String> headers = new LinkedHashMap<>(credentialHeaders);
        headers.put("Authorization", "Bearer " + token);
        return new ProbeRun(endpoint, http, trace, classifier.alsoScrubbing(token), Map.copyOf(headers));
    }

    /** The credential headers plus the given ones (later ones win). */
    Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(credentialHeaders);
        all.putAll(extra);
        return all;
    }
}
