package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.FieldError;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.HostnameCheck;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every change to the registry, whichever way it comes in (the API's PUT, DELETE, import and validate; the local
 * runner's fleet file): one home for the rules that entries are held to beyond their own fields.
 * <ul>
 *   <li>A host name that resolves to a refused address is refused at save time ({@link HostnameCheck}).</li>
 *   <li>When an entry's probe target changes (URL, transport, auth or readiness tool), or the entry is deleted, its
 *   health is superseded: the snapshot and history describe another server, and a probe still in flight for the
 *   old target must not write under the entry ({@link SnapshotStore#supersede}). Name, labels, timeout, cadence
 *   and pausing keep the history.</li>
 * </ul>
 */
public final class RegistryEditor {

    private final EndpointRegistry registry;
    private final SnapshotStore snapshots;
    private final HostnameCheck hostnames;
    private final Supplier<Optional<EndpointChecker>> checker;
    private final Clock clock;

    /**
     * @param checker the prober behind validate, asked for only when an entry is validated (a deployment without a
     *                prober has none; building one costs a cold start the other routes need not pay)
     */
    public RegistryEditor(EndpointRegistry registry, SnapshotStore snapshots, HostnameCheck hostnames,
                          Supplier<Optional<EndpointChecker>> checker, Clock clock) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.hostnames = hostnames;
        this.checker = checker;
        this.clock = clock;
    }

    /** What a put did, or why it did nothing. */
    public sealed interface Put {
        record Saved(boolean created, boolean healthSuperseded) implements Put {
        }

        record Refused(List<FieldError> errors) implements Put {
        }
    }

    /** What an import did, or why it did nothing (every problem, each naming its entry). */
    public sealed interface Import {
        record Done(List<EndpointId> created, List<EndpointId> replaced) implements Import {
            public int count() {
                return created.size() + replaced.size();
            }
        }

        record Refused(List<FleetFile.EntryError> errors) implements Import {
        }
    }

    /** What validating an entry found, storing nothing. */
    public sealed interface Validation {
        record Refused(List<FieldError> errors) implements Validation {
        }

        /** This deployment has no prober, so it cannot validate by probing. */
        record NoProber() implements Validation {
        }

        record Probed(EndpointChecker.Trial trial) implements Validation {
        }

        /** Every attempt ran while mcpulse itself was overloaded: no verdict on the server ({@code reason} says so). */
        record NoVerdict(String reason) implements Validation {
        }
    }

    /** Creates or replaces one entry. */
    public Put put(Endpoint endpoint) {
        Optional<FieldError> refused = hostRefusal(endpoint);
        if (refused.isPresent()) {
            return new Put.Refused(List.of(refused.get()));
        }
        Optional<Endpoint> before = registry.get(endpoint.id());
        registry.put(endpoint);
        // Taken after the write: a probe that read the old entry read it before now, so it is refused.
        Instant changedAt = clock.instant();
        boolean superseded = before.isPresent() && targetChanged(before.get(), endpoint);
        if (superseded) {
            snapshots.supersede(endpoint.id(), changedAt);
        }
        return new Put.Saved(before.isEmpty(), superseded);
    }

    /** Creates or replaces every entry of a valid fleet file, all or none; entries not in it stay as they are. */
    public Import importAll(List<Endpoint> endpoints) {
        List<Optional<FieldError>> refusals = hostnames.refusals(endpoints.stream().map(Endpoint::url).toList());
        List<FleetFile.EntryError> refused = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            int entry = i + 1;
            String id = endpoints.get(i).id().value();
            refusals.get(i).ifPresent(error -> refused.add(new FleetFile.EntryError(entry, Optional.of(id), error)));
        }
        if (!refused.isEmpty()) {
            return new Import.Refused(refused);
        }
        Map<EndpointId, Endpoint> before = registry.getAll(endpoints.stream().map(Endpoint::id).toList());
        registry.putAll(endpoints);
        Instant changedAt = clock.instant();
        List<EndpointId> created = new ArrayList<>();
        List<EndpointId> replaced = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Endpoint previous = before.get(endpoint.id());
            if (previous == null) {
                created.add(endpoint.id());
            } else {
                replaced.add(endpoint.id());
                if (targetChanged(previous, endpoint)) {
                    snapshots.supersede(endpoint.id(), changedAt);
                }
            }
        }
        return new Import.Done(created, replaced);
    }

    /** @return true when an entry was removed; its health is superseded either way (an orphan is cleared too). */
    public boolean delete(EndpointId id) {
        boolean removed = registry.delete(id);
        snapshots.supersede(id, clock.instant());
        return removed;
    }

    /** One probe of an entry that need not be in the registry, judged as the status policy would; nothing stored. */
    public Validation validate(Endpoint endpoint) {
        return validate(endpoint, EndpointChecker.DEFAULT_BUDGET);
    }

    /** As {@link #validate(Endpoint)}, within {@code budget} (what the caller can wait, retries included). */
    public Validation validate(Endpoint endpoint, Duration budget) {
        Optional<FieldError> refused = hostRefusal(endpoint);
        if (refused.isPresent()) {
            return new Validation.Refused(List.of(refused.get()));
        }
        Optional<EndpointChecker> prober = checker.get();
        if (prober.isEmpty()) {
            return new Validation.NoProber();
        }
        try {
            return new Validation.Probed(prober.get().trial(endpoint, budget));
        } catch (GuardedProber.LocalOverload overload) {
            return new Validation.NoVerdict(overload.getMessage());
        }
    }

    private Optional<FieldError> hostRefusal(Endpoint endpoint) {
        return hostnames.refusals(List.of(endpoint.url())).getFirst();
    }

    /** Whether the server an entry names changed: then its health is another server's. */
    static boolean targetChanged(Endpoint before, Endpoint after) {
        return !before.url().equals(after.url())
                || before.transport() != after.transport()
                || !before.auth().equals(after.auth())
                || !Objects.equals(before.readiness().map(r -> r.tool()), after.readiness().map(r -> r.tool()));
    }
}
