package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.SecretState;
import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import dev.mcpulse.domain.port.SecretResolver;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the credential an endpoint needs. A missing secret is loud: the probe must not dial with an empty
 * token (DESIGN lesson 5), so the lookup becomes an {@link ProbeOutcome.AuthMissing} instead. The monitor and the
 * command-line probe both use it, so an entry fails the same way in a terminal as in the fleet.
 */
public final class CredentialLookup {

    private final SecretResolver secrets;

    public CredentialLookup(SecretResolver secrets) {
        this.secrets = secrets;
    }

    public sealed interface Credential {
        SecretState state();

        record NotRequired() implements Credential {
            public SecretState state() { return SecretState.NOT_REQUIRED; }
        }

        record Available(SecretValue value) implements Credential {
            public SecretState state() { return SecretState.AVAILABLE; }
        }

        record Missing(ProbeOutcome.AuthMissing outcome) implements Credential {
            public SecretState state() { return SecretState.MISSING; }
        }

        default Optional<SecretValue> secretValue() {
            return this instanceof Available available ? Optional.of(available.value()) : Optional.empty();
        }
    }

    public Credential credentialFor(Endpoint endpoint) {
        if (endpoint.auth().secret().isEmpty()) {
            return new Credential.NotRequired();
        }
        return credential(secrets.resolve(endpoint.auth().secret().get()));
    }

    /**
     * Lets the resolver read the secrets these endpoints reference ahead of their lookups, each secret once however
     * many endpoints share it ({@link SecretResolver#prefetch}): a probe shard's, before its probes.
     */
    public void prefetch(List<Endpoint> endpoints) {
        List<SecretRef> refs = endpoints.stream().flatMap(e -> e.auth().secret().stream()).distinct().toList();
        if (!refs.isEmpty()) {
            secrets.prefetch(refs);
        }
    }

    /**
     * The endpoint's secret read again past any cache, if it now holds another value than {@code used}: the server
     * refused {@code used}, and a secret rotated since it was cached must not make the server look broken.
     */
    public Optional<Credential> rotated(Endpoint endpoint, Credential used) {
        if (endpoint.auth().secret().isEmpty() || used.secretValue().isEmpty()) {
            return Optional.empty();
        }
        Credential fresh = credential(secrets.resolveFresh(endpoint.auth().secret().get()));
        boolean changed = fresh.secretValue().isPresent() && !fresh.secretValue().equals(used.secretValue());
        return changed ? Optional.of(fresh) : Optional.empty();
    }

    private static Credential credential(SecretLookup lookup) {
        return switch (lookup) {
            case SecretLookup.Found found -> new Credential.Available(found.value());
            case SecretLookup.NotFound notFound -> missing(notFound.reason());
            case SecretLookup.Empty empty -> missing(empty.reason());
            case SecretLookup.AccessDenied denied -> missing(denied.reason());
            case SecretLookup.Unavailable unavailable -> missing("secret store unavailable: " + unavailable.reason());
        };
    }

    private static Credential missing(String reason) {
        return new Credential.Missing(new ProbeOutcome.AuthMissing(reason));
    }
}
