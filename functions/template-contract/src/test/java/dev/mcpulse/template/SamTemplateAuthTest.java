package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;
import static dev.mcpulse.template.SamTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing is public by default: every route of the HTTP API has the JWT authorizer, except the dashboard's shell
 * (its page and files, no data: where people sign in); PublicReadAccess opens the read routes and nothing else; admin
 * routes need the admin scope; the api function checks the same issuer, audiences and scope as API Gateway; and the
 * default Cognito user pool gives the dashboard a public PKCE client and machines a client_credentials client.
 */
class SamTemplateAuthTest {

    static final String ADMIN_SCOPE = "mcpulse/admin";
    /** The dashboard's shell: the api function's routes of Access.SHELL (ApiRoutes). */
    static final Set<String> SHELL_ROUTES = Set.of("GET /", "GET /assets/{name}", "GET /api/auth/config");
    static final Set<String> READ_ROUTES = Set.of("GET /api/mcp/clients", "GET /api/mcp/clients/{id}",
            "GET /api/openapi.yml");

    static SamTemplate sam;

    @BeforeAll
    static void load() {
        sam = SamTemplate.load();
    }

    /** How each route is authorized for these parameter values: "NONE", or "JWT <authorizer> [scopes]". */
    static Map<String, String> authorization(Map<String, String> parameters) {
        Intrinsics intrinsics = new Intrinsics(sam, parameters);
        Map<String, String> routes = new TreeMap<>();
        for (String id : sam.ofType("AWS::ApiGatewayV2::Route")) {
            Map<String, Object> route = sam.properties(id);
            assertThat(route.get("ApiId")).as("%s ApiId", id).isEqualTo(ref("HttpApi"));
            String type = (String) chosen(route.get("AuthorizationType"), intrinsics).orElse("NONE");
            String text = type;
            if ("JWT".equals(type)) {
                Object authorizer = chosen(route.get("AuthorizerId"), intrinsics).orElseThrow();
                TreeSet<Object> scopes = new TreeSet<>();
                list(route.getOrDefault("AuthorizationScopes", List.of()))
                        .forEach(scope -> scopes.add(intrinsics.resolve(chosen(scope, intrinsics).orElseThrow())));
                text += " " + map(authorizer).get("Ref") + " " + scopes;
            } else {
                assertThat(chosen(route.get("AuthorizerId"), intrinsics)).as("%s has no authorizer", id).isEmpty();
            }
            routes.put((String) route.get("RouteKey"), text);
        }
        return routes;
    }

    /** The branch CloudFormation takes of a top-level Fn::If; empty for AWS::NoValue or an absent property. */
    static Optional<Object> chosen(Object value, Intrinsics intrinsics) {
        if (value instanceof Map<?, ?> m && m.containsKey("Fn::If")) {
            List<Object> branches = list(m.get("Fn::If"));
            return chosen(intrinsics.condition((String) branches.get(0)) ? branches.get(1) : branches.get(2), intrinsics);
        }
        if (value == null || ref("AWS::NoValue").equals(value)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    @Test
    void byDefaultEveryRouteButTheDashboardShellNeedsAToken() {
        Map<String, String> routes = authorization(Map.of());

        assertThat(sam.parameter("PublicReadAccess").get("Default")).isEqualTo("false");
        routes.forEach((route, auth) -> {
            if (SHELL_ROUTES.contains(route)) {
                assertThat(auth).as(route).isEqualTo("NONE");
            } else {
                assertThat(auth).as(route).startsWith("JWT OidcAuthorizer ");
            }
        });
        assertThat(routes.keySet()).containsAll(SHELL_ROUTES).containsAll(READ_ROUTES).hasSizeGreaterThan(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true"})
    void adminRoutesNeedTheAdminScopeWhateverPublicReadAccessSays(String publicRead) {
        Map<String, String> routes = authorization(Map.of("PublicReadAccess", publicRead));

        routes.forEach((route, auth) -> {
            if (!SHELL_ROUTES.contains(route) && !READ_ROUTES.contains(route)) {
                assertThat(auth).as(route).isEqualTo("JWT OidcAuthorizer [" + ADMIN_SCOPE + "]");
            }
        });
    }

    @Test
    void publicReadAccessOpensTheReadRoutesOnly() {
        Map<String, String> closed = authorization(Map.of("PublicReadAccess", "false"));
        Map<String, String> open = authorization(Map.of("PublicReadAccess", "true"));

        READ_ROUTES.forEach(route -> {
            assertThat(closed.get(route)).as(route).isEqualTo("JWT OidcAuthorizer []");
            assertThat(open.get(route)).as(route).isEqualTo("NONE");
        });
        closed.keySet().stream().filter(r -> !READ_ROUTES.contains(r))
                .forEach(route -> assertThat(open.get(route)).as(route).isEqualTo(closed.get(route)));
        assertThat(sam.environment("ApiFunction")).containsEntry("MCPULSE_AUTH_PUBLIC_READ", ref("PublicReadAccess"));
    }

    /** What API Gateway checks, the function checks again: the same issuer, audiences and admin scope. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theApiFunctionTrustsTheIssuerAndAudiencesOfTheAuthorizer(boolean cognito) {
        Map<String, String> parameters = cognito ? Map.of()
                : Map.of("OidcIssuerUrl", "https://example.okta.com/oauth2/default", "OidcAudience", "api://mcpulse,ci");
        Intrinsics intrinsics = new Intrinsics(sam, parameters);
        Map<String, Object> jwt = map(sam.properties("OidcAuthorizer").get("JwtConfiguration"));
        Map<String, Object> environment = sam.environment("ApiFunction");

        assertThat(sam.properties("OidcAuthorizer").get("AuthorizerType")).isEqualTo("JWT");
        assertThat(chosen(environment.get("MCPULSE_AUTH_OIDC_ISSUER"), intrinsics))
                .isEqualTo(chosen(jwt.get("Issuer"), intrinsics)).isPresent();
        Object audience = chosen(jwt.get("Audience"), intrinsics).orElseThrow();
        Object functionAudience = chosen(environment.get("MCPULSE_AUTH_OIDC_AUDIENCE"), intrinsics).orElseThrow();
        if (cognito) {
            assertThat(audience).isEqualTo(List.of(ref("DashboardClient"), ref("MachineClient")));
            assertThat(functionAudience).isEqualTo(Map.of("Fn::Sub", "${DashboardClient},${MachineClient}"));
        } else {
            assertThat(audience).isEqualTo(Map.of("Fn::Split", List.of(",", ref("OidcAudience"))));
            assertThat(functionAudience).isEqualTo(ref("OidcAudience"));
            assertThat(intrinsics.resolve(functionAudience)).isEqualTo("api://mcpulse,ci");
        }
        assertThat(chosen(environment.get("MCPULSE_AUTH_ADMIN_SCOPE"), intrinsics).map(intrinsics::resolve))
                .contains(ADMIN_SCOPE);
    }

    /**
     * An external issuer names its admin scope its own way (Entra ID puts a bare name in scp); API Gateway's admin
     * routes and the function must then both require that name, and with Cognito the parameter changes nothing.
     */
    @Test
    void anExternalIssuersAdminScopeIsRequiredByTheRoutesAndTheFunctionAlike() {
        Map<String, String> entra = Map.of("OidcIssuerUrl", "https://login.microsoftonline.com/t/v2.0",
                "OidcAudience", "api://mcpulse", "OidcAdminScope", "mcpulse.admin");
        Intrinsics intrinsics = new Intrinsics(sam, entra);

        authorization(entra).forEach((route, auth) -> {
            if (!SHELL_ROUTES.contains(route) && !READ_ROUTES.contains(route)) {
                assertThat(auth).as(route).isEqualTo("JWT OidcAuthorizer [mcpulse.admin]");
            }
        });
        assertThat(chosen(sam.environment("ApiFunction").get("MCPULSE_AUTH_ADMIN_SCOPE"), intrinsics)
                .map(intrinsics::resolve)).contains("mcpulse.admin");
        assertThat(authorization(Map.of("OidcAdminScope", "ignored.with.cognito"))).isEqualTo(authorization(Map.of()));
        assertThat(sam.parameter("OidcAdminScope").get("Default")).isEqualTo(ADMIN_SCOPE);
    }

    @Test
    void theCognitoAdminScopeIsTheOneTheRoutesRequire() {
        Map<String, Object> server = sam.properties("AdminResourceServer");
        String scope = server.get("Identifier") + "/" + map(list(server.get("Scopes")).get(0)).get("ScopeName");

        assertThat(scope).isEqualTo(ADMIN_SCOPE);
        assertThat(list(sam.properties("MachineClient").get("AllowedOAuthScopes"))).containsExactly(ADMIN_SCOPE);
        assertThat(sam.properties("AdminsGroup").get("GroupName"))
                .isEqualTo(chosen(sam.environment("ApiFunction").get("MCPULSE_AUTH_ADMIN_GROUP"),
                        new Intrinsics(sam, Map.of())).orElseThrow());
    }

    @Test
    void theDashboardSignsInWithAuthorizationCodeAndPkceOnAPublicClientBackToTheApiUrl() {
        Map<String, Object> client = sam.properties("DashboardClient");

        assertThat(client.get("GenerateSecret")).isEqualTo(false);
        assertThat(list(client.get("AllowedOAuthFlows"))).containsExactly("code");
        assertThat(list(client.get("CallbackURLs"))).containsExactly(map(sam.outputs().get("ApiUrl")).get("Value"));
    }

    @Test
    void machinesUseTheClientCredentialsGrantWithASecret() {
        Map<String, Object> client = sam.properties("MachineClient");

        assertThat(client.get("GenerateSecret")).isEqualTo(true);
        assertThat(list(client.get("AllowedOAuthFlows"))).containsExactly("client_credentials");
        assertThat(sam.outputs()).containsKeys("MachineClientId", "TokenUrl", "UserPoolId", "DashboardClientId");
    }

    @Test
    void theCognitoResourcesExistOnlyWithoutAnIssuerOfYourOwn() {
        List<String> cognito = sam.resources().keySet().stream()
                .filter(id -> String.valueOf(sam.resource(id).get("Type")).startsWith("AWS::Cognito::")).toList();

        assertThat(cognito).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(id -> assertThat(sam.resource(id).get("Condition")).as(id).isEqualTo("UseCognito"));
        assertThat(sam.conditions().get("UseCognito"))
                .isEqualTo(Map.of("Fn::Equals", List.of(ref("OidcIssuerUrl"), "")));
    }

    /** The API Gateway route of every function route: none reaches the function by another way. */
    @Test
    void theOnlyIntegrationIsTheApiFunctionsLiveAliasAndEveryRouteUsesIt() {
        assertThat(sam.ofType("AWS::ApiGatewayV2::Integration")).containsExactly("ApiIntegration");
        assertThat(sam.properties("ApiIntegration").get("IntegrationUri")).isEqualTo(ref("ApiFunction.Alias"));
        assertThat(sam.properties("ApiIntegration").get("PayloadFormatVersion")).isEqualTo("2.0");
        sam.ofType("AWS::ApiGatewayV2::Route").forEach(id -> assertThat(sam.properties(id).get("Target"))
                .as(id).isEqualTo(Map.of("Fn::Sub", "integrations/${ApiIntegration}")));
        assertThat(sam.ofType("AWS::Serverless::HttpApi")).isEmpty();
        assertThat(map(sam.properties("ApiFunction")).get("Events")).as("routes are ApiGatewayV2 resources").isNull();
    }
}
