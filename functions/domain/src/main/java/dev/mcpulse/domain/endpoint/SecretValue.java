package dev.mcpulse.domain.endpoint;

/**
 * A resolved credential. Its {@code toString} never shows the value, so that it cannot reach a log line or an
 * error message by accident; {@link #reveal()} is called only where the value goes on the wire.
 */
public final class SecretValue {

    private final String value;

    public SecretValue(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret value must not be empty");
        }
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "SecretValue[redacted]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
