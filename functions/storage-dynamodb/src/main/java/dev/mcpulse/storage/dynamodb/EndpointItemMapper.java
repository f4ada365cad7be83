package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A registry entry as an item. The auth reference is stored as its parts (type, secret id, key, header name):
 * a reference, never a value, exactly as the domain holds it.
 */
final class EndpointItemMapper {

    static final String ITEM_TYPE = "endpoint";

    private EndpointItemMapper() {
    }

    static Map<String, AttributeValue> toItem(Endpoint endpoint) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.endpoint(endpoint.id()));
        item.put(TableKeys.ITEM_TYPE, s(ITEM_TYPE));
        item.put("id", s(endpoint.id().value()));
        item.put("name", s(endpoint.name()));
        Map<String, AttributeValue> labels = new HashMap<>();
        endpoint.labels().forEach((k, v) -> labels.put(k, s(v)));
        item.put("labels", AttributeValue.fromM(labels));
        item.put("url", s(endpoint.url().toString()));
        item.put("transport", s(endpoint.transport().wireName()));
        putAuth(item, endpoint.auth());
        item.put("timeoutMs", n(endpoint.timeout().toMillis()));
        endpoint.readiness().ifPresent(readiness -> {
            item.put("readinessTool", s(readiness.tool()));
            item.put("readinessArguments", ArgumentValues.toAttribute(readiness.arguments(), "readiness.arguments"));
        });
        item.put("enabled", AttributeValue.fromBool(endpoint.enabled()));
        endpoint.interval().ifPresent(interval -> item.put("intervalSeconds", n(interval.toSeconds())));
        return item;
    }

    static Endpoint fromItem(Map<String, AttributeValue> item) {
        ItemReader read = new ItemReader(item);
        Map<String, String> labels = new LinkedHashMap<>();
        read.map("labels").forEach((k, v) -> {
            if (v.s() == null) {
                throw read.damaged("labels." + k, "is not a string");
            }
            labels.put(k, v.s());
        });
        Optional<Readiness> readiness = read.optionalString("readinessTool").map(tool -> new Readiness(tool,
                read.optionalMap("readinessArguments").map(ArgumentValues::fromAttributes).orElse(Map.of())));
        return new Endpoint(
                new EndpointId(read.string("id")),
                read.string("name"),
                labels,
                URI.create(read.string("url")),
                read.code("transport", Transport::fromWireName),
                readAuth(read),
                Duration.ofMillis(read.number("timeoutMs")),
                readiness,
                read.bool("enabled"),
                read.optionalNumber("intervalSeconds").map(Duration::ofSeconds));
    }

    private static void putAuth(Map<String, AttributeValue> item, AuthRef auth) {
        item.put("authType", s(auth.type()));
        switch (auth) {
            case AuthRef.None none -> { }
            case AuthRef.OAuthDiscovery discovery -> { }
            case AuthRef.Bearer bearer -> putSecretRef(item, bearer.secretRef());
            case AuthRef.Header header -> {
                item.put("authHeader", s(header.headerName()));
                putSecretRef(item, header.secretRef());
            }
            case AuthRef.OAuthClientCredentials oauth -> {
                item.put("authClientId", s(oauth.clientId()));
                item.put("authTokenEndpointAuth", s(oauth.tokenEndpointAuth().wireName()));
                oauth.scope().ifPresent(scope -> item.put("authScope", s(scope)));
                oauth.signingAlg().ifPresent(alg -> item.put("authSigningAlg", s(alg)));
                oauth.authorizationServer().ifPresent(as -> item.put("authServer", s(as.toString())));
                putSecretRef(item, oauth.secretRef());
            }
        }
    }

    private static void putSecretRef(Map<String, AttributeValue> item, SecretRef ref) {
        item.put("authSecret", s(ref.secretId()));
        ref.jsonKey().ifPresent(key -> item.put("authKey", s(key)));
    }

    private static AuthRef readAuth(ItemReader read) {
        String type = read.string("authType");
        return switch (type) {
            case AuthRef.NONE -> new AuthRef.None();
            case AuthRef.OAUTH_DISCOVERY -> new AuthRef.OAuthDiscovery();
            case AuthRef.BEARER -> new AuthRef.Bearer(readSecretRef(read));
            case AuthRef.HEADER -> new AuthRef.Header(read.string("authHeader"), readSecretRef(read));
            case AuthRef.OAUTH_CLIENT_CREDENTIALS -> new AuthRef.OAuthClientCredentials(read.string("authClientId"),
                    readSecretRef(read), read.optionalString("authScope"),
                    read.code("authTokenEndpointAuth", AuthRef.TokenEndpointAuth::fromWireName),
                    read.optionalString("authSigningAlg"), read.optionalString("authServer").map(URI::create));
            default -> throw read.damaged("authType", "holds an unknown code");
        };
    }

    private static SecretRef readSecretRef(ItemReader read) {
        return new SecretRef(read.string("authSecret"), read.optionalString("authKey"));
    }
}
