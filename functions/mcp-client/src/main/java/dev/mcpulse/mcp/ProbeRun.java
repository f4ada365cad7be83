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
                case AuthRef.None none -> {
                    // No credential goes on the wire for an endpoint that declares no auth.
                }
            }
        });
        List<String> secrets = credential.map(s -> List.of(s.reveal())).orElse(List.of());
        return new ProbeRun(endpoint, http, trace, new Classifier(secrets), Map.copyOf(headers));
    }

    /** The credential headers plus the given ones (later ones win). */
    Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(credentialHeaders);
        all.putAll(extra);
        return all;
    }
}
