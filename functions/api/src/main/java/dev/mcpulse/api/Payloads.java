package dev.mcpulse.api;

import dev.mcpulse.api.ClientDetailPayload.HistoryPayload;
import dev.mcpulse.api.ClientDetailPayload.UptimePayload;
import dev.mcpulse.api.EndpointPayload.AuthPayload;
import dev.mcpulse.api.EndpointPayload.ReadinessPayload;
import dev.mcpulse.api.EndpointPayload.ServerPayload;
import dev.mcpulse.api.FleetPayload.CyclePayload;
import dev.mcpulse.api.FleetPayload.SchedulerPayload;
import dev.mcpulse.api.FleetPayload.SummaryPayload;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.health.DerivedStatus;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.service.FleetQuery.EndpointView;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.wiring.MonitorSettings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Maps the domain's views to the API's payloads; the only place that decides what a payload field holds. */
@Singleton
final class Payloads {

    private final StatusPolicy statusPolicy;
    private final Duration interval;

    Payloads(StatusPolicy statusPolicy, MonitorSettings settings) {
        this.statusPolicy = statusPolicy;
        this.interval = settings.interval();
    }

    FleetPayload fleet(FleetQuery.FleetPage view, Optional<String> next) {
        FleetQuery.SchedulerHealth scheduler = view.scheduler();
        return new FleetPayload(
                view.endpoints().stream().map(this::endpoint).toList(),
                next.orElse(null),
                summary(view.summary()),
                new SchedulerPayload(text(scheduler.lastCycleAt()), scheduler.late(), interval.toSeconds(),
                        scheduler.lastCycle().map(c -> new CyclePayload(c.endpointsEnabled(), c.endpointsDue(),
                                c.skippedInBackoff(), c.shardsDispatched())).orElse(null)),
                view.now().toString());
    }

    private static SummaryPayload summary(FleetQuery.Summary summary) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            byStatus.put(status.code(), summary.counts().getOrDefault(status, 0));
        }
        return new SummaryPayload(summary.total(), byStatus, summary.stale(), summary.countedAt().toString());
    }

    /** {@code continues}: {@code history} is the checks after the one the caller named, to add to what it holds. */
    ClientDetailPayload detail(EndpointView view, List<HistoryEntry> history, boolean continues) {
        int ok = (int) history.stream().filter(h -> h.outcome().connected()).count();
        Double percent = history.isEmpty() ? null : Math.round(ok * 1000.0 / history.size()) / 10.0;
        return new ClientDetailPayload(endpoint(view),
                history.stream().map(Payloads::check).toList(), continues,
                new UptimePayload(history.size(), ok, percent));
    }

    EndpointPayload endpoint(EndpointView view) {
        Endpoint endpoint = view.endpoint();
        Optional<HealthSnapshot> snapshot = view.snapshot();
        DerivedStatus status = view.status();
        return new EndpointPayload(
                endpoint.id().value(),
                endpoint.name(),
                new TreeMap<>(endpoint.labels()),
                endpoint.url().toString(),
                endpoint.transport().wireName(),
                endpoint.enabled(),
                auth(endpoint.auth()),
                endpoint.timeout().toMillis(),
                endpoint.readiness().map(Payloads::readiness).orElse(null),
                endpoint.interval().map(java.time.Duration::toSeconds).orElse(null),
                status.status().code(),
                status.reason().code(),
                status.connected(),
                snapshot.map(s -> s.outcome().code()).orElse(null),
                // the newest check the snapshot speaks for: one that confirmed it unchanged wrote no snapshot
                snapshot.map(s -> s.lastCheckedAt().toString()).orElse(null),
                text(snapshot.flatMap(HealthSnapshot::lastSuccessShown)),
                snapshot.flatMap(HealthSnapshot::lastError).orElse(null),
                snapshot.flatMap(HealthSnapshot::failedStep).map(ProbeStep::code).orElse(null),
                snapshot.flatMap(HealthSnapshot::httpStatus).orElse(null),
                snapshot.map(HealthSnapshot::lastTotalMs).orElse(null),
                snapshot.flatMap(HealthSnapshot::toolsCount).orElse(null),
                text(snapshot.flatMap(HealthSnapshot::toolsChangedAt)),
                snapshot.flatMap(HealthSnapshot::era).map(Era::code).orElse(null),
                snapshot.flatMap(HealthSnapshot::protocolVersion).orElse(null),
                snapshot.flatMap(Payloads::server).orElse(null),
                snapshot.map(HealthSnapshot::consecutiveFailures).orElse(0),
                snapshot.map(HealthSnapshot::consecutiveAuthFailures).orElse(0),
                snapshot.map(s -> s.dueAt().toString()).orElse(null),
                snapshot.map(s -> statusPolicy.staleAfter(s, endpoint, interval).toString()).orElse(null),
                text(snapshot.flatMap(HealthSnapshot::tokenExpiresAt)));
    }

    static AuthPayload auth(AuthRef auth) {
        return switch (auth) {
            case AuthRef.None none -> new AuthPayload(AuthRef.NONE, null, null, null);
            case AuthRef.Bearer bearer -> new AuthPayload(AuthRef.BEARER, bearer.secretRef().secretId(),
                    bearer.secretRef().jsonKey().orElse(null), null);
            case AuthRef.Header header -> new AuthPayload(AuthRef.HEADER, header.secretRef().secretId(),
                    header.secretRef().jsonKey().orElse(null), header.headerName());
            case AuthRef.OAuthDiscovery discovery -> new AuthPayload(AuthRef.OAUTH_DISCOVERY, null, null, null);
            case AuthRef.OAuthClientCredentials oauth -> new AuthPayload(AuthRef.OAUTH_CLIENT_CREDENTIALS,
                    oauth.secretRef().secretId(), oauth.secretRef().jsonKey().orElse(null), null, oauth.clientId(),
                    oauth.scope().orElse(null), oauth.tokenEndpointAuth().wireName(), oauth.signingAlg().orElse(null),
                    oauth.authorizationServer().map(Object::toString).orElse(null));
        };
    }

    private static ReadinessPayload readiness(Readiness readiness) {
        return new ReadinessPayload(readiness.tool(), new TreeMap<>(readiness.arguments()));
    }

    static Optional<ServerPayload> server(HealthSnapshot snapshot) {
        if (snapshot.serverName().isEmpty() && snapshot.serverVersion().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerPayload(snapshot.serverName().orElse(null), snapshot.serverVersion().orElse(null)));
    }

    private static HistoryPayload check(HistoryEntry entry) {
        return new HistoryPayload(entry.checkedAt().toString(), entry.outcome().code(), entry.outcome().connected(),
                entry.httpStatus().orElse(null), entry.totalMs());
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
