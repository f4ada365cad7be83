package dev.mcpulse.local;

import dev.mcpulse.api.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link HostGuard} to every request the local runner serves — dashboard, API, admin and unknown routes —
 * before any other filter, so a refused request reaches no route and no credential check. Only the local runner has
 * this filter: on AWS, API Gateway sets the Host header itself.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class HostGuardFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(HostGuardFilter.class);

    private final HostGuard guard;

    HostGuardFilter(HostGuard guard) {
        this.guard = guard;
    }

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> requireKnownHost(HttpRequest<?> request) {
        return guard.check(request.getHeaders().getAll(HttpHeaders.HOST))
                .map(refusal -> {
                    // The host is logged only as the guard normalized it (a DNS name or an address), never raw.
                    LOG.atWarn().addKeyValue("status", refusal.status().getCode())
                            .addKeyValue("error", refusal.body().error())
                            .addKeyValue("host", HostGuard.hostOf(request.getHeaders().get(HttpHeaders.HOST, String.class)
                                    .orElse("").strip()).orElse("(none or malformed)"))
                            .log("request refused: its Host is not one this runner answers to");
                    return HttpResponse.<ApiError>status(refusal.status()).body(refusal.body());
                })
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
