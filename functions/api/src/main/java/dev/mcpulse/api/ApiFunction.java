package dev.mcpulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mcpulse.wiring.LambdaInitialization;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The api Lambda: an API Gateway HTTP API (payload 2.0) event in, the {@link ApiDispatcher}'s answer out. No HTTP
 * server framework in between: its router, filters and error handlers are definitions a cold start would scan and
 * build before the first answer (B5 in docs/benchmarks.md measured what they cost). An on-demand cold start builds
 * only what the request needs ({@link LambdaInitialization}), so listing the fleet does not first build the probe that
 * "check now" uses.
 */
public class ApiFunction extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    ApiDispatcher dispatcher;

    /** Lambda's constructor. */
    public ApiFunction() {
    }

    /** For tests: a context built elsewhere. */
    public ApiFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaInitialization.contextBuilder(System.getenv());
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        ApiDispatcher.Response response = dispatcher.handle(request(event));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /**
     * The event as a request. The path is passed on as API Gateway gives it (decoded: {@link ApiRoutes} reads it as
     * it reads an encoded one); the query is read from the raw query string, which keeps repeated parameters apart.
     */
    static ApiRequest request(APIGatewayV2HTTPEvent event) {
        var context = Optional.ofNullable(event.getRequestContext());
        var http = context.map(APIGatewayV2HTTPEvent.RequestContext::getHttp);
        String path = Optional.ofNullable(event.getRawPath()).or(() -> http.map(h -> h.getPath())).orElse("/");
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                body = null; // API Gateway encodes what it passes; anything else is not a body this API can read
            }
        }
        return new ApiRequest(
                http.map(h -> h.getMethod()).orElse(""),
                path,
                Optional.ofNullable(event.getRawQueryString()).orElseGet(() -> query(event.getQueryStringParameters())),
                Optional.ofNullable(event.getHeaders()).orElse(Map.of()),
                Optional.ofNullable(body),
                context.map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer).map(a -> a.getIam())
                        .flatMap(ApiFunction::iamCaller),
                context.map(APIGatewayV2HTTPEvent.RequestContext::getRequestId));
    }

    /** The IAM principal API Gateway verified (SigV4), when the request came through its IAM authorizer. */
    private static Optional<String> iamCaller(APIGatewayV2HTTPEvent.RequestContext.IAM iam) {
        String arn = iam.getUserArn();
        if (arn != null && !arn.isBlank()) {
            return Optional.of(arn);
        }
        return Optional.ofNullable(iam.getAccountId()).filter(a -> !a.isBlank()).map(a -> "IAM caller in account " + a);
    }

    /** An event built without a raw query string (a direct invocation): its parameters, encoded as a client would. */
    private static String query(Map<String, String> parameters) {
        if (parameters == null) {
            return "";
        }
        return parameters.entrySet().stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue() == null ? "" : p.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
