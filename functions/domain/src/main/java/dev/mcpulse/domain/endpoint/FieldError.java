package dev.mcpulse.domain.endpoint;

/**
 * One rejected field: which field, what was found (already rendered safely, never a secret value) and what
 * was expected.
 */
public record FieldError(String field, String found, String expected) {

    public String message() {
        return "field \"" + field + "\": found " + found + ", expected " + expected;
    }
}
