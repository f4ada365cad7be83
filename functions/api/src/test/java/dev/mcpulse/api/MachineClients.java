package dev.mcpulse.api;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * How a Cognito user pool answers the client_credentials grant, taught to mock-oauth2-server: the client must present
 * its secret (HTTP Basic), the token's subject and {@code client_id} are the client, it has no {@code aud}, and its
 * {@code scope} holds the requested scopes the app client is allowed. A token for a wrong secret is not issued.
 */
final class MachineClients implements OAuth2TokenCallback {

    record Client(String secret, Set<String> allowedScopes) {
    }

    private final String issuerId;
    private final Map<String, Client> clients;

    MachineClients(String issuerId, Map<String, Client> clients) {
        this.issuerId = issuerId;
        this.clients = Map.copyOf(clients);
    }

    @Override
    public String issuerId() {
        return issuerId;
    }

    @Override
    public String subject(TokenRequest request) {
        if (!GrantType.CLIENT_CREDENTIALS.equals(request.getAuthorizationGrant().getType())
                || !(request.getClientAuthentication() instanceof ClientSecretBasic basic)) {
            throw new IllegalArgumentException("only client_credentials with HTTP Basic client authentication");
        }
        Client client = clients.get(basic.getClientID().getValue());
        if (client == null || !client.secret().equals(basic.getClientSecret().getValue())) {
            throw new IllegalArgumentException("invalid_client");
        }
        return basic.getClientID().getValue();
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return "JWT";
    }

    @Override
    public List<String> audience(TokenRequest request) {
        return List.of();
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        String clientId = request.getClientAuthentication().getClientID().getValue();
        Set<String> allowed = clients.get(clientId).allowedScopes();
        String scope = request.getScope() == null ? "" : request.getScope().toStringList().stream()
                .filter(allowed::contains).collect(Collectors.joining(" "));
        return Map.of("client_id", clientId, "scope", scope, "token_use", "access");
    }

    @Override
    public long tokenExpiry() {
        return 3600;
    }
}
