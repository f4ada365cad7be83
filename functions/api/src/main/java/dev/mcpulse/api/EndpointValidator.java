package dev.mcpulse.api;

import dev.mcpulse.core.MonitorSettings;
import dev.mcpulse.domain.BackoffPolicy;
import dev.mcpulse.domain.DerivedStatus;
import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.Era;
import dev.mcpulse.domain.HealthSnapshot;
import dev.mcpulse.domain.ProbeStep;
import dev.mcpulse.domain.SecretState;
import dev.mcpulse.domain.StatusPolicy;
import dev.mcpulse.domain.service.EndpointChecker;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Validate-before-save: one probe of an entry that is not (necessarily) in the registry, judged as the status
 * policy would judge it, with nothing stored. The snapshot it builds lives only for this answer.
 */
@Singleton
final class EndpointValidator {

    /** Built on the first validation, not with the registry routes that share this bean (see FleetController). */
    private final BeanProvider<EndpointChecker> checker;
    private final StatusPolicy statusPolicy;
    private final Clock clock;
    private final Duration interval;

    EndpointValidator(BeanProvider<EndpointChecker> checker, StatusPolicy statusPolicy, Clock clock,
                      MonitorSettings settings) {
        this.checker = checker;
        this.statusPolicy = statusPolicy;
        this.clock = clock;
        this.interval = settings.interval();
    }

    ValidationPayload validate(Endpoint endpoint) {
        if (!checker.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("not_available", "this deployment has no prober, so it cannot validate by probing"));
        }
        EndpointChecker.Probed probed = checker.get().probe(OnRequestProbe.withinGatewayLimit(endpoint)).join();
        HealthSnapshot seen = BackoffPolicy.next(Optional.empty(), endpoint.id(), probed.result(), probed.checkedAt(),
                interval, probed.secretValues());
        DerivedStatus status = statusPolicy.derive(endpoint, SecretState.UNKNOWN, Optional.of(seen), clock.instant(),
                interval);
        return new ValidationPayload(
                endpoint.id().value(),
                true,
                status.status().code(),
                status.reason().code(),
                seen.outcome().code(),
                seen.lastError().orElse(null),
                seen.failedStep().map(ProbeStep::code).orElse(null),
                seen.httpStatus().orElse(null),
                seen.latency().totalMs(),
                seen.toolsCount().orElse(null),
                seen.era().map(Era::code).orElse(null),
                seen.protocolVersion().orElse(null),
                Payloads.server(seen).orElse(null),
                seen.checkedAt().toString());
    }
}
