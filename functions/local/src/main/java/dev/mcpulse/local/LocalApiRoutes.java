package dev.mcpulse.local;

import dev.mcpulse.api.ApiDispatcher;
import dev.mcpulse.api.ApiRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Trace;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The local runner's HTTP server hands every request, whatever its path and method, to the api function's
 * {@link ApiDispatcher}: the routes, their auth and their errors are the function's own, as on Lambda. Micronaut's
 * server only carries requests here (with {@link HostGuardFilter} in front and {@link RequestHeadLimits} below).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.ALL)
final class LocalApiRoutes {

    private final ApiDispatcher dispatcher;

    LocalApiRoutes(ApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Get(uris = {"/", "/{+path}"})
    HttpResponse<String> get(HttpRequest<?> request) {
        return forward(request, null);
    }

    @Head(uris = {"/", "/{+path}"})
    HttpResponse<String> head(HttpRequest<?> request) {
        return forward(request, null);
    }

    @Delete(uris = {"/", "/{+path}"})
    HttpResponse<String> delete(HttpRequest<?> request, @Body @Nullable String body) {
        return forward(request, body);
    }

    @Post(uris = {"/", "/{+path}"})
    HttpResponse<String> post(HttpRequest<?> request, @Body @Nullable String body) {
        return forward(request, body);
    }

    @Put(uris = {"/", "/{+path}"})
    HttpResponse<String> put(HttpRequest<?> request, @Body @Nullable String body) {
        return forward(request, body);
    }

    @Patch(uris = {"/", "/{+path}"})
    HttpResponse<String> patch(HttpRequest<?> request, @Body @Nullable String body) {
        return forward(request, body);
    }

    @Options(uris = {"/", "/{+path}"})
    HttpResponse<String> options(HttpRequest<?> request) {
        return forward(request, null);
    }

    @Trace(uris = {"/", "/{+path}"})
    HttpResponse<String> trace(HttpRequest<?> request) {
        return forward(request, null);
    }

    private HttpResponse<String> forward(HttpRequest<?> request, @Nullable String body) {
        ApiDispatcher.Response answer = dispatcher.handle(ApiRequest.fromServer(request.getMethodName(),
                request.getUri().getRawPath(), request.getUri().getRawQuery(), request.getHeaders().asMap(), body));
        MutableHttpResponse<String> response = HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(answer.status()));
        answer.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.contentType(value);
            } else {
                response.header(name, value);
            }
        });
        return answer.body() == null ? response : response.body(answer.body());
    }
}
