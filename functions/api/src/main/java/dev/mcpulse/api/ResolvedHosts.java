package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.FieldError;
import dev.mcpulse.domain.endpoint.ResolvedHostCheck;
import dev.mcpulse.domain.port.HostnameCheck;
import dev.mcpulse.wiring.MonitorSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Save-time resolution of the host names of entries sent to the registry: a name that resolves to an address the URL
 * policy refuses (instance metadata, link-local; loopback outside the local runner) is a bad url, refused with the
 * rest of the entry's problems. This is the early, clear error; the defence is the probe's resolver, which checks
 * the address it connects to. So the check never holds a request long: distinct URLs are looked up side by side,
 * and one answered after {@link #LOOKUP_BUDGET} is accepted, as is a name that does not resolve (yet).
 */
@Singleton
final class ResolvedHosts implements HostnameCheck {

    static final Duration LOOKUP_BUDGET = Duration.ofSeconds(3);
    private static final int LOOKUP_THREADS = 8;

    private final ResolvedHostCheck check;
    private final ExecutorService lookups = Executors.newFixedThreadPool(LOOKUP_THREADS,
            Thread.ofPlatform().daemon().name("resolved-hosts-", 0).factory());

    ResolvedHosts(MonitorSettings settings) {
        this.check = new ResolvedHostCheck(settings.urlPolicy(), host -> List.of(InetAddress.getAllByName(host)));
    }

    @Override
    public List<Optional<FieldError>> refusals(List<URI> urls) {
        Map<URI, Future<Optional<FieldError>>> pending = new LinkedHashMap<>();
        urls.forEach(url -> pending.computeIfAbsent(url, u -> lookups.submit(() -> check.check(u))));
        long deadline = System.nanoTime() + LOOKUP_BUDGET.toNanos();
        return urls.stream().map(url -> answer(pending.get(url), deadline)).toList();
    }

    private static Optional<FieldError> answer(Future<Optional<FieldError>> lookup, long deadline) {
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty(); // unanswered in time: the probe's resolver still checks at connection time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        lookups.shutdownNow();
    }
}
