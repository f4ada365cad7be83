package dev.mcpulse.domain.endpoint;

import java.util.Optional;

/**
 * How an endpoint authenticates: never a secret value, only a reference to where the value lives
 * (a Secrets Manager name or ARN, optionally a key inside a JSON secret).
 */
public sealed interface AuthRef {

    /** The referenced secret, when there is one. */
    Optional<SecretRef> secret();

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

    /** A secret's id (name or ARN) and, for JSON secrets, the key whose value is the credential. */
    record SecretRef(String secretId, Optional<String> jsonKey) {
        @Override
        public String toString() {
            return jsonKey.map(k -> secretId + "#" + k).orElse(secretId);
        }
    }
}
