package dev.mcpulse.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mcpulse.wiring.LambdaInitialization;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The api Lambda: Micronaut's API Gateway (HTTP API, payload 2.0) function with plain {@code @Controller}s, given only
 * events that are well-formed HTTP ({@link WellFormedEvents}). Micronaut reads the path and the headers before any
 * route, filter or error handler runs, so what it cannot read must be mended, or refused with the API's JSON error,
 * here. An on-demand cold start builds only what the request needs ({@link LambdaInitialization}), so listing the fleet
 * does not first build the probe that "check now" uses.
 */
public class ApiFunction extends APIGatewayV2HTTPEventFunction {

    /** Lambda's constructor. */
    public ApiFunction() {
        super();
    }

    /** For tests and the local runner: a context built elsewhere. */
    public ApiFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaInitialization.contextBuilder(System.getenv());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var badHeader = WellFormedEvents.headerWithControlCharacter(event.getHeaders());
        if (badHeader.isPresent()) {
            return refused(ApiError.of("invalid_header", badHeader.get(), "the header " + Shown.text(badHeader.get())
                    + " holds a control character, which HTTP does not allow in a header"));
        }
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            var http = event.getRequestContext().getHttp();
            http.setPath(WellFormedEvents.path(http.getPath()));
        }
        event.setRawPath(WellFormedEvents.path(event.getRawPath()));
        return super.handleRequest(event, context);
    }

    private APIGatewayV2HTTPResponse refused(ApiError error) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(HttpStatus.BAD_REQUEST.getCode())
                    .withHeaders(Map.of("Content-Type", MediaType.APPLICATION_JSON))
                    .withBody(getApplicationContext().getBean(JsonMapper.class).writeValueAsString(error))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
