package dev.mcpulse.api;

/** The secret the tests plant in the local secrets file ({@link ApiHarness#SECRETS_FILE}) to prove no value leaks. */
final class TestSecrets {

    static final String CANARY_SECRET_ID = "mcpulse/test/canary";
    static final String CANARY = "canary-7f3e9b1c5d2a4e6f8091a2b3c4d5e6f7";

    private TestSecrets() {
    }
}
