package dev.mcpulse.probe;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.Prober;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * A JVM {@code Error} inside the prober for one endpoint: a fault no real server can cause on purpose, so the real
 * prober bean is wrapped and throws {@link StackOverflowError} for that endpoint only; every other endpoint is
 * probed by the real prober. Active only in a context that sets {@value #ENDPOINT_PROPERTY}.
 */
@Singleton
@Requires(property = ProberFaultInjection.ENDPOINT_PROPERTY)
final class ProberFaultInjection implements BeanCreatedEventListener<Prober> {

    static final String ENDPOINT_PROPERTY = "mcpulse.test.prober-error-for";

    private final EndpointId poisoned;

    ProberFaultInjection(@Value("${" + ENDPOINT_PROPERTY + "}") String endpointId) {
        this.poisoned = new EndpointId(endpointId);
    }

    @Override
    public Prober onCreated(BeanCreatedEvent<Prober> event) {
        Prober real = event.getBean();
        return (endpoint, credential) -> {
            if (endpoint.id().equals(poisoned)) {
                throw new StackOverflowError("injected into the prober for " + poisoned.value());
            }
            return real.probe(endpoint, credential);
        };
    }
}
