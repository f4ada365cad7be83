package dev.mcpulse.bench.scale;

import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.ProbeDispatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatcher a cycle really uses (the probe queue's), watched: which shards it was handed, so the benchmark can
 * probe them as the probe function would, and how long the hand-over took from the first batch to the last.
 */
final class RecordingDispatcher implements ProbeDispatcher {

    private final ProbeDispatcher delegate;
    private final List<ProbeShard> shards = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

    RecordingDispatcher(ProbeDispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public void dispatch(ProbeShard shard) {
        dispatchBatch(List.of(shard)).stream().findFirst().ifPresent(refused -> {
            throw refused.reason();
        });
    }

    @Override
    public int batchSize() {
        return delegate.batchSize();
    }

    @Override
    public List<Refusal> dispatchBatch(List<ProbeShard> batch) {
        firstStart.accumulateAndGet(System.nanoTime(), Math::min);
        List<Refusal> refused = delegate.dispatchBatch(batch);
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        List<ProbeShard> handedOver = new ArrayList<>(batch);
        refused.forEach(refusal -> handedOver.remove(refusal.shard()));
        shards.addAll(handedOver);
        return refused;
    }

    /** The shards handed over, in shard order. */
    List<ProbeShard> shards() {
        List<ProbeShard> copy = new ArrayList<>(shards);
        copy.sort(java.util.Comparator.comparingInt(ProbeShard::shardIndex));
        return copy;
    }

    /** From the first hand-over's start to the last one's end; 0 when nothing was handed over. */
    double dispatchMillis() {
        long start = firstStart.get();
        long end = lastEnd.get();
        return start == Long.MAX_VALUE ? 0 : (end - start) / 1e6;
    }
}
