package dev.mcpulse.local;

import dev.mcpulse.domain.port.SecretResolver;

/** The secrets the runner holds in memory for the demo servers (none with {@code --no-demo}). */
record DemoSecrets(SecretResolver resolver) {

    static final DemoSecrets NONE = new DemoSecrets(
            ref -> new SecretResolver.SecretLookup.NotFound("secret " + ref.secretId() + " is not a demo secret"));
}
