package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a request finds its route, and how an API Gateway event becomes a request, without a context. */
class ApiRoutesTest {

    private final ApiRoutes routes = new ApiRoutes(null, null, null, null, null);

    @Test
    void segmentsAreSplitBeforeTheyAreDecoded() {
        assertThat(ApiRoutes.segments("/")).isEmpty();
        assertThat(ApiRoutes.segments("/api/mcp/clients/a%2Fb")).containsExactly("api", "mcp", "clients", "a/b");
        assertThat(ApiRoutes.segments("/x/..%2F..")).containsExactly("x", "../..");
        assertThat(ApiRoutes.segments("/x/p%D0%B0y")).containsExactly("x", "p\u0430y");
        assertThat(ApiRoutes.segments("/x/a+b/%zz/%")).containsExactly("x", "a+b", "%zz", "%");
        assertThat(ApiRoutes.segments("/x/%C0%AE")).containsExactly("x", "\uFFFD\uFFFD");
        assertThat(ApiRoutes.segments("/x/%\uFF11\uFF12")).containsExactly("x", "%\uFF11\uFF12");
        assertThat(ApiRoutes.segments("/api/mcp/clients/")).containsExactly("api", "mcp", "clients", "");
    }

    /** API Gateway's HTTP API passes the path decoded; the client sent it encoded: both name the same segments. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/mcp/clients/a b|/api/mcp/clients/a%20b",
            "/api/mcp/clients/%zz|/api/mcp/clients/%25zz",
            "/api/mcp/clients/100%|/api/mcp/clients/100%25",
            "/api/mcp/clients/x?admin=true|/api/mcp/clients/x%3Fadmin=true",
            "/api/mcp/clients/x#y|/api/mcp/clients/x%23y",
            "/api/mcp/clients/a\\b|/api/mcp/clients/a%5Cb",
            "/api/mcp/clients/pаy|/api/mcp/clients/p%D0%B0y"})
    void aDecodedPathNamesTheSegmentsOfItsEncodedForm(String decoded, String encoded) {
        assertThat(ApiRoutes.segments(decoded)).isEqualTo(ApiRoutes.segments(encoded));
    }

    /** A well-formed path is decoded once, never twice. */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/mcp/clients", "/api/mcp/clients/payments-mcp/check", "/api/mcp/endpoints:import",
            "/api/mcp/endpoints/..%2F..%2Fetc%2Fpasswd", "/api/mcp/clients/a%20b", "/x/;=@!$&'()*+,~",
            "/api/mcp/clients/a%2520b"})
    void aWellFormedPathIsDecodedOnce(String path) {
        assertThat(String.join("/", ApiRoutes.segments(path)))
                .isEqualTo(java.net.URLDecoder.decode(path.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json\u0000", "a\r\nX-Injected: 1", "\u007f"})
    void aHeaderWithAControlCharacterIsFound(String value) {
        assertThat(request(Map.of("accept", "*/*", "content-type", value)).headerWithControlCharacter())
                .contains("content-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/html,\tapplication/xhtml+xml", "Bearer abc.def"})
    void ordinaryHeadersPass(String value) {
        assertThat(request(Map.of("content-type", value)).headerWithControlCharacter()).isEmpty();
    }

    @Test
    void aPathVariableTakesOneNonEmptySegment() {
        assertThat(routes.find("GET", "/api/mcp/clients/payments-mcp"))
                .isEqualTo(new ApiRoutes.Match.Found(route("GET", "/api/mcp/clients/{id}"), Map.of("id", "payments-mcp")));
        assertThat(routes.find("GET", "/api/mcp/clients/")).isInstanceOf(ApiRoutes.Match.NotFound.class);
        assertThat(routes.find("GET", "/api/mcp/clients/a/b")).isInstanceOf(ApiRoutes.Match.NotFound.class);
        assertThat(routes.find("POST", "/api/mcp/endpoints")).isInstanceOf(ApiRoutes.Match.NotFound.class);
    }

    @Test
    void aKnownPathWithAnotherMethodNamesTheMethodsItTakes() {
        assertThat(routes.find("PATCH", "/api/mcp/endpoints/payments-mcp")).isInstanceOfSatisfying(
                ApiRoutes.Match.WrongMethod.class, wrong -> assertThat(wrong.allowed()).containsExactly("DELETE", "PUT"));
        assertThat(routes.find("get", "/api/mcp/clients")).isInstanceOf(ApiRoutes.Match.WrongMethod.class);
    }

    @Test
    void aHandMadeEventWithoutContextHeadersOrARawQueryIsStillARequest() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/api/mcp/clients/a b");
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("x-empty", null);
        event.setHeaders(headers);
        event.setQueryStringParameters(Map.of("label", "team:a b"));
        event.setBody("not base64!");
        event.setIsBase64Encoded(true);

        ApiRequest request = ApiFunction.request(event);

        assertThat(request.method()).isEmpty();
        assertThat(request.rawPath()).isEqualTo("/api/mcp/clients/a b");
        assertThat(request.headers()).containsOnlyKeys("content-type");
        assertThat(request.contentType()).contains("application/json");
        assertThat(request.queryAll("label")).isEqualTo(List.of("team:a b"));
        assertThat(request.body()).isEmpty();
        assertThat(request.iamCaller()).isEmpty();
        assertThat(request.gatewayId()).isEmpty();
    }

    @Test
    void repeatedQueryParametersStayApartAndAMalformedEscapeIsA400() {
        ApiRequest request = new ApiRequest("GET", "/", "label=a%3Ab&label=c:d&search=x+y&empty", Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(request.queryAll("label")).containsExactly("a:b", "c:d");
        assertThat(request.query("search")).contains("x y");
        assertThat(request.query("empty")).contains("");
        assertThat(request.query("missing")).isEmpty();
        ApiRequest broken = new ApiRequest("GET", "/", "search=%zz", Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> broken.query("search"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(400));
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest("GET", "/", "", headers, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private ApiRoutes.Route route(String method, String template) {
        return routes.all().stream().filter(r -> r.method().equals(method) && r.template().equals(template))
                .findFirst().orElseThrow();
    }
}
