package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's sign-in settings when an external issuer is configured, read through the api function on the context
 * {@code @MicronautTest} builds from this class's properties: a real OpenID Connect server on 127.0.0.1 gives the
 * endpoints, and the scope asked for is the admin scope that issuer writes (here an Entra-style bare name).
 */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInConfigOidcTest implements TestPropertyProvider {

    private final MockOAuth2Server oidc = started();

    @Inject
    ApplicationContext context;

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                AuthSettings.ISSUER_PROPERTY, oidc.issuerUrl("entra").toString(),
                AuthSettings.AUDIENCE_PROPERTY, "api://mcpulse",
                AuthSettings.DASHBOARD_CLIENT_PROPERTY, "mcpulse-dashboard",
                AuthSettings.ADMIN_SCOPE_PROPERTY, "mcpulse.admin");
    }

    @AfterAll
    void stop() {
        oidc.shutdown();
    }

    @Test
    void theDashboardSignsInAtTheIssuersEndpointsAskingForItsAdminScope() throws IOException {
        Map<String, Object> config = signInConfig(context);

        assertThat(config).containsEntry("mode", "oidc")
                .containsEntry("client_id", "mcpulse-dashboard")
                .containsEntry("authorization_endpoint", oidc.authorizationEndpointUrl("entra").toString())
                .containsEntry("token_endpoint", oidc.tokenEndpointUrl("entra").toString())
                .containsEntry("scope", "openid mcpulse.admin");
    }

    /** GET /api/auth/config as API Gateway delivers it (no token: it is part of the sign-in shell). */
    static Map<String, Object> signInConfig(ApplicationContext context) throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/dashboard.json");
        event.setRawPath("/api/auth/config");
        event.getRequestContext().getHttp().setPath("/api/auth/config");
        APIGatewayV2HTTPResponse response = new ApiFunction(context).handleRequest(event, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return context.getBean(JsonMapper.class).readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
    }
}
