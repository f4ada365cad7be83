package dev.mcpulse.domain.endpoint;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an endpoint authenticates: never a secret value, only a reference to where the value lives
 * (a Secrets Manager name or ARN, or {@code ssm:} and a Parameter Store parameter's name; optionally a key inside a
 * JSON secret).
 */
public sealed interface AuthRef {

    /**
     * Each kind's name wherever an entry is written out: the fleet file and the API ({@code auth.type}), the registry's
     * items and the probe queue's messages. One set, so that no two of them can drift apart.
     */
    String NONE = "none";
    String BEARER = "bearer";
    String HEADER = "header";
    String OAUTH_CLIENT_CREDENTIALS = "oauth-client-credentials";
    String OAUTH_DISCOVERY = "oauth-discovery";

    /** The referenced secret, when there is one. */
    Optional<SecretRef> secret();

    /**
     * This kind's name: one of {@link #NONE}, {@link #BEARER}, {@link #HEADER}, {@link #OAUTH_CLIENT_CREDENTIALS},
     * {@link #OAUTH_DISCOVERY}.
     */
    default String type() {
        return switch (this) {
            case None none -> NONE;
            case Bearer bearer -> BEARER;
            case Header header -> HEADER;
            case OAuthClientCredentials oauth -> OAUTH_CLIENT_CREDENTIALS;
            case OAuthDiscovery discovery -> OAUTH_DISCOVERY;
        };
    }

    record None() implements AuthRef {
        @Override
        public Optional<SecretRef> secret() {
            return Optional.empty();
        }
    }

    /** {@code Authorization: Bearer <value>}. */
    record Bearer(SecretRef secretRef) implements AuthRef {
        @Override
        public Optional<SecretRef> secret() {
            return Optional.of(secretRef);
        }
    }

    /** {@code <headerName>: <value>}, for servers that take an API key header. */
    record Header(String headerName, SecretRef secretRef) implements AuthRef {
        @Override
        public Optional<SecretRef> secret() {
            return Optional.of(secretRef);
        }
    }

    /**
     * OAuth 2.1 client credentials (the MCP extension {@code io.modelcontextprotocol/oauth-client-credentials}): the
     * probe discovers the authorization server from the MCP server's challenge and fetches its own access token. The
     * secret holds the client secret, or a PEM private key for {@code private_key_jwt}.
     *
     * @param authorizationServer the issuer to use instead of the first one the protected resource metadata names
     */
    record OAuthClientCredentials(String clientId, SecretRef secretRef, Optional<String> scope,
                                  TokenEndpointAuth tokenEndpointAuth, Optional<String> signingAlg,
                                  Optional<URI> authorizationServer) implements AuthRef {
        @Override
        public Optional<SecretRef> secret() {
            return Optional.of(secretRef);
        }
    }

    /**
     * A public server whose users sign in themselves (the agent's user runs the OAuth flow): mcpulse holds no
     * credential and checks the sign-in chain an agent needs — the 401 challenge, the protected resource metadata and
     * an authorization server's metadata fit for a public client (authorization code with S256, a way to register).
     */
    record OAuthDiscovery() implements AuthRef {
        @Override
        public Optional<SecretRef> secret() {
            return Optional.empty();
        }
    }

    /** How the client authenticates at the token endpoint (RFC 7591 {@code token_endpoint_auth_method} values). */
    enum TokenEndpointAuth {
        CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<TokenEndpointAuth> fromWireName(String name) {
            return Arrays.stream(values()).filter(v -> v.wireName().equals(name)).findFirst();
        }
    }

    /** A secret's id (name or ARN) and, for JSON secrets, the key whose value is the credential. */
    record SecretRef(String secretId, Optional<String> jsonKey) {
        @Override
        public String toString() {
            return jsonKey.map(k -> secretId + "#" + k).orElse(secretId);
        }
    }
}
