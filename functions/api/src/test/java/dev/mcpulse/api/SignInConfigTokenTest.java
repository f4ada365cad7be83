package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** With no issuer (the local runner), the dashboard asks for the admin token and names no identity provider. */
@MicronautTest(startApplication = false)
@Property(name = "mcpulse.local.mode", value = "true")
@Property(name = "mcpulse.admin.token", value = "sign-in-config-test-token")
class SignInConfigTokenTest {

    @Inject
    ApplicationContext context;

    @Test
    void withoutAnIssuerTheDashboardUsesTheAdminToken() throws IOException {
        assertThat(SignInConfigOidcTest.signInConfig(context)).containsExactly(java.util.Map.entry("mode", "token"));
    }
}
