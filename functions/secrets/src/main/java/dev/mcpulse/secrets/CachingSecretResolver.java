package dev.mcpulse.secrets;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Secrets from an AWS secret store, cached. Each read is a billed API call (at fleet scale one per check dominated
 * the bill, docs/cost.md), so a secret is kept for a while: read again after a random point between half the cache
 * TTL and all of it (containers that read a secret together do not all read it again together). A probe shard's
 * secrets are read ahead in as few calls as the store allows ({@link #prefetch}, {@link SecretStoreReads#readBatch});
 * whatever that could not read — the call refused, say by a role of an older deployment without the batch action,
 * or throttled — is read alone when it is resolved. A call made for a due secret also reads, up to the store's
 * batch limit, the secrets this cache holds that are past half their TTL (the earliest they may be read again) and
 * were asked for since their last read, soonest due first ({@link #readAhead}): a container that meets many secrets
 * then reads them many to a call, not one call per shard that happens to meet one due. A rotated secret is still used
 * at once: a server's refusal of the cached value makes the prober read it again ({@link #resolveFresh}) and probe
 * with the new one. Every outcome is a {@link SecretLookup}: nothing thrown, no value in any reason or log line.
 *
 * <p>During an outage of the store (a read answered {@link SecretLookup.Unavailable}) a value read before keeps
 * being served, and asked for again after {@link #FAILURE_HOLD}: the monitor measures the endpoints, not the secret
 * store, and a credential revoked meanwhile shows as {@code auth_rejected} at the endpoint. A secret that is gone or
 * refused (not found, access denied) is reported so by the first read past its TTL, its old value no longer served.
 * A failed lookup with no value to serve is held for {@link #FAILURE_HOLD} (or half the cache TTL if that is
 * shorter): enough for the other endpoints of a shard that share the secret not to ask again, short of the next
 * cycle, so the first cycle after an outage reads it.
 */
public class CachingSecretResolver implements SecretResolver, AutoCloseable {

    /**
     * The longest a failed lookup is held: enough for the other endpoints of a shard that share the secret not to ask
     * again, short of the next cycle (a minute at the shortest interval), so the first cycle after an outage reads it.
     */
    static final Duration FAILURE_HOLD = Duration.ofSeconds(30);

    private final SecretStoreReads store;
    private final Duration cacheTtl;
    private final Duration failureHold;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** What is served for a secret (a value, or a failure held), until when, and when the value served was read. */
    private record Known(SecretRead served, Instant readAgainAt, Instant readAt) {
    }

    /** One secret's place in the cache: the lock makes endpoints that share a stale secret wait for one read. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        /** Written under the lock; read without it only to choose secrets to read ahead. */
        volatile Known known;
        /** Whether a shard or a probe asked for this secret since it was last read. */
        volatile boolean askedSinceRead;

        /** Under the lock: what is served now; a read's answer makes the secret unasked-for again. */
        void hold(Known next) {
            boolean readNow = known == null || !next.readAt().equals(known.readAt()); // not a value kept through an outage
            if (readNow) {
                askedSinceRead = false;
            }
            known = next;
        }
    }

    /** {@code cacheTtl}: how long a secret is kept at most ({@link SecretsConfiguration#getCacheTtl()}). */
    CachingSecretResolver(SecretStoreReads store, Duration cacheTtl, Clock clock) {
        this.store = store;
        this.cacheTtl = cacheTtl;
        this.failureHold = cacheTtl.dividedBy(2).compareTo(FAILURE_HOLD) < 0 ? cacheTtl.dividedBy(2) : FAILURE_HOLD;
        this.clock = clock;
    }

    @Override
    public SecretLookup resolve(SecretRef ref) {
        Slot slot = slots.computeIfAbsent(ref.secretId(), id -> new Slot());
        slot.lock.lock();
        try {
            Instant now = clock.instant();
            if (slot.known == null || !now.isBefore(slot.known.readAgainAt())) {
                slot.hold(next(slot.known, store.read(ref.secretId()), now, refreshAfter()));
            }
            slot.askedSinceRead = true;
            return answer(ref, slot.known.served());
        } finally {
            slot.lock.unlock();
        }
    }

    /** Reads the store past the cache and any failure held; the cache then holds what was read. */
    @Override
    public SecretLookup resolveFresh(SecretRef ref) {
        Slot slot = slots.computeIfAbsent(ref.secretId(), id -> new Slot());
        slot.lock.lock();
        try {
            SecretRead read = store.read(ref.secretId());
            slot.hold(next(slot.known, read, clock.instant(), refreshAfter()));
            slot.askedSinceRead = true;
            // The store's own answer: a value kept through an outage is not what this caller asked for.
            return read instanceof SecretRead.Failed failed ? failed.lookup() : answer(ref, slot.known.served());
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Reads the secrets among {@code refs} that this cache holds nothing current for, the store's batch limit to a
     * call, the last call filled up with secrets read ahead ({@link #readAhead}). A secret the call reports an error
     * for is held as that error, as a single read's would be; if the call itself fails, nothing is stored and each
     * secret is read alone when resolved.
     */
    @Override
    public void prefetch(Collection<SecretRef> refs) {
        Instant now = clock.instant();
        int limit = store.batchLimit();
        Set<String> asked = refs.stream().map(SecretRef::secretId).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> due = new ArrayList<>(asked.stream().filter(id -> due(id, now)).toList());
        if (!due.isEmpty()) {
            int room = (limit - due.size() % limit) % limit;
            due.addAll(readAhead(now, asked, room));
        }
        for (int from = 0; from < due.size(); from += limit) {
            List<String> ids = due.subList(from, Math.min(due.size(), from + limit));
            // One refresh point for the whole call: secrets read together go stale together, and are read together again.
            Duration refreshAfter = refreshAfter();
            store.readBatch(ids).forEach((id, read) -> {
                Slot slot = slots.computeIfAbsent(id, key -> new Slot());
                slot.lock.lock();
                try {
                    slot.hold(next(slot.known, read, clock.instant(), refreshAfter));
                } finally {
                    slot.lock.unlock();
                }
            });
        }
        asked.forEach(id -> slots.computeIfAbsent(id, key -> new Slot()).askedSinceRead = true);
    }

    @Override
    public void close() {
        slots.clear();
    }

    private boolean due(String secretId, Instant now) {
        Slot slot = slots.get(secretId);
        Known known = slot == null ? null : slot.known;
        return known == null || !now.isBefore(known.readAgainAt());
    }

    /**
     * Up to {@code room} secrets, other than {@code asked}, to read in a call that is made anyway: values past half their
     * TTL (so none is read more often than a lone read would at its earliest) that a shard or a probe asked for since
     * they were read (so a secret the fleet no longer names is read ahead once at most), soonest due first. The call costs the
     * same with them; each would otherwise likely cost a call of its own, in whichever shard next meets it due.
     */
    private List<String> readAhead(Instant now, Set<String> asked, int room) {
        if (room == 0) {
            return List.of();
        }
        Instant readBefore = now.minus(cacheTtl.dividedBy(2));
        return slots.entrySet().stream()
                .filter(slot -> slot.getValue().known instanceof Known known && known.served() instanceof SecretRead.Value
                        && !known.readAt().isAfter(readBefore) && slot.getValue().askedSinceRead)
                .filter(slot -> !asked.contains(slot.getKey()))
                .sorted(Comparator.comparing(slot -> slot.getValue().known.readAgainAt()))
                .limit(room)
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * What to serve after {@code read}: what it read, kept for {@code refreshAfter}; or, when it failed, the failure,
     * held for {@link #failureHold} — except that during an outage a value read before is served instead.
     */
    private Known next(Known previous, SecretRead read, Instant now, Duration refreshAfter) {
        if (read instanceof SecretRead.Value) {
            return new Known(read, now.plus(refreshAfter), now);
        }
        boolean outage = ((SecretRead.Failed) read).lookup() instanceof SecretLookup.Unavailable;
        if (outage && previous != null && previous.served() instanceof SecretRead.Value) {
            return new Known(previous.served(), now.plus(failureHold), previous.readAt());
        }
        return new Known(read, now.plus(failureHold), now);
    }

    private SecretLookup answer(SecretRef ref, SecretRead served) {
        return switch (served) {
            case SecretRead.Failed failed -> failed.lookup();
            case SecretRead.Value value when value.text() == null -> new SecretLookup.Empty(store.noText(ref.secretId()));
            case SecretRead.Value value -> SecretText.extract(ref, value.text());
        };
    }

    /** A random point between half the TTL and all of it, so that containers do not read a secret again in step. */
    private Duration refreshAfter() {
        long ttl = cacheTtl.toMillis();
        return Duration.ofMillis(ttl - ThreadLocalRandom.current().nextLong(ttl / 2 + 1));
    }
}
