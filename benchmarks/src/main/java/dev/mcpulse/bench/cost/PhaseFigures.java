package dev.mcpulse.bench.cost;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one phase of the cost run (a scheduler cycle, one shard, one API request…) did, as the child process measured
 * it: AWS calls by {@code service.Operation}, DynamoDB request units (as DynamoDB Local reported them, and as computed
 * from the items by DynamoDB's rules), SQS's billable 64 KB chunks, the sizes of the items written, the log output,
 * and the phase's own figures (wall time, CPU, shard contents) in {@code figures}.
 */
public record PhaseFigures(Map<String, Long> calls, Map<String, Long> failures, double rruReported,
                           double wruReported, long requestsWithCapacity, long dynamoDbRequests, double rruComputed,
                           double wruComputed, double failedWriteUnits, long sqsChunks, Map<String, Sizes> itemSizes, long logBytes,
                           long logLines, long emfLines, long overloadRetries, Set<String> emfMetrics, Map<String, String> figures) {

    /**
     * Sizes of the items written of one kind ({@code itemType}, else the partition key's prefix), and of those that
     * carry a TTL ({@code expiresAt}), how long they are kept: the time from their write to their expiry.
     */
    public record Sizes(long count, long totalBytes, long maxBytes, long withTtl, double ttlSecondsTotal) {

        Sizes plus(Sizes other) {
            return new Sizes(count + other.count, totalBytes + other.totalBytes, Math.max(maxBytes, other.maxBytes),
                    withTtl + other.withTtl, ttlSecondsTotal + other.ttlSecondsTotal);
        }

        /** The mean time an item of this kind is kept, or empty when its items have no TTL (they are overwritten). */
        public java.util.OptionalDouble meanTtlSeconds() {
            return withTtl == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(ttlSecondsTotal / withTtl);
        }

        public double meanBytes() {
            return count == 0 ? 0 : (double) totalBytes / count;
        }
    }

    public static PhaseFigures empty() {
        return new PhaseFigures(Map.of(), Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, Set.of(), Map.of());
    }

    /** Both phases' figures together (the figures map of this one kept). */
    public PhaseFigures plus(PhaseFigures other) {
        Map<String, Long> allCalls = new TreeMap<>(calls);
        other.calls.forEach((k, v) -> allCalls.merge(k, v, Long::sum));
        Map<String, Long> allFailures = new TreeMap<>(failures);
        other.failures.forEach((k, v) -> allFailures.merge(k, v, Long::sum));
        Map<String, Sizes> sizes = new TreeMap<>(itemSizes);
        other.itemSizes.forEach((k, v) -> sizes.merge(k, v, Sizes::plus));
        Set<String> metrics = new TreeSet<>(emfMetrics);
        metrics.addAll(other.emfMetrics);
        return new PhaseFigures(allCalls, allFailures, rruReported + other.rruReported, wruReported + other.wruReported,
                requestsWithCapacity + other.requestsWithCapacity, dynamoDbRequests + other.dynamoDbRequests,
                rruComputed + other.rruComputed, wruComputed + other.wruComputed, failedWriteUnits + other.failedWriteUnits,
                sqsChunks + other.sqsChunks, sizes,
                logBytes + other.logBytes, logLines + other.logLines, emfLines + other.emfLines,
                overloadRetries + other.overloadRetries, metrics, figures);
    }

    public long calls(String operation) {
        return calls.getOrDefault(operation, 0L);
    }

    /** Calls to one service ({@code dynamodb}, {@code sqs}…), every operation. */
    public long callsTo(String service) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith(service + "."))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Whether DynamoDB Local answered every DynamoDB request with its ConsumedCapacity. */
    public boolean capacityReported() {
        return dynamoDbRequests > 0 && requestsWithCapacity == dynamoDbRequests;
    }

    public double figure(String name) {
        String value = figures.get(name);
        if (value == null) {
            throw new IllegalStateException("the cost run recorded no " + name);
        }
        return Double.parseDouble(value);
    }
}
