package dev.mcpulse.scheduler;

import dev.mcpulse.aws.AwsFailures;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Fans shards out as messages on the probe queue, ten to a {@code SendMessageBatch} call. Each message is delayed by
 * its shard's place in the jitter window ({@code DelaySeconds}), so spreading the probes costs no Lambda time. The
 * probe function consumes the queue through an event source mapping whose {@code MaximumConcurrency} is the
 * back-pressure; retries and the dead-letter queue are the queue's (its redrive policy in the template).
 */
@Singleton
@Requires(property = SqsProbeDispatcher.QUEUE_PROPERTY)
public final class SqsProbeDispatcher implements ProbeDispatcher {

    /** {@code MCPULSE_PROBE_QUEUE_URL}: the URL of the probe queue. */
    static final String QUEUE_PROPERTY = "mcpulse.probe.queue.url";
    /** SQS's most entries per SendMessageBatch. */
    static final int MAX_BATCH_ENTRIES = 10;
    /** SQS's limit for one message and for the sum of a batch's messages (the long-standing 256 KiB). */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    /** SQS's longest message delay. */
    static final int MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final JsonMapper json;
    private final String queueUrl;

    public SqsProbeDispatcher(SqsClient sqs, JsonMapper json, @Value("${" + QUEUE_PROPERTY + "}") String queueUrl) {
        this.sqs = sqs;
        this.json = json;
        this.queueUrl = queueUrl;
    }

    @Override
    public int batchSize() {
        return MAX_BATCH_ENTRIES;
    }

    @Override
    public void dispatch(ProbeShard shard) {
        List<Refusal> refused = dispatchBatch(List.of(shard));
        if (!refused.isEmpty()) {
            throw refused.getFirst().reason();
        }
    }

    /**
     * One SendMessageBatch per up to ten shards (more calls only when their messages together exceed the batch's byte
     * limit). An entry SQS refuses is refused alone; a call that fails after the client's retries refuses its entries.
     */
    @Override
    public List<Refusal> dispatchBatch(List<ProbeShard> batch) {
        List<Refusal> refused = new ArrayList<>();
        List<SendMessageBatchRequestEntry> call = new ArrayList<>();
        Map<String, ProbeShard> shardsById = new HashMap<>();
        int callBytes = 0;
        for (ProbeShard shard : batch) {
            SendMessageBatchRequestEntry entry;
            Body body;
            try {
                body = bodyOf(shard);
                entry = entryOf(shard, body);
            } catch (RuntimeException e) {
                refused.add(new Refusal(shard, e));
                continue;
            }
            int bytes = body.bytes();
            if (!call.isEmpty() && (call.size() == MAX_BATCH_ENTRIES || callBytes + bytes > MAX_BATCH_BYTES)) {
                refused.addAll(send(call, shardsById));
                call = new ArrayList<>();
                callBytes = 0;
            }
            call.add(entry);
            shardsById.put(entry.id(), shard);
            callBytes += bytes;
        }
        if (!call.isEmpty()) {
            refused.addAll(send(call, shardsById));
        }
        return refused;
    }

    private List<Refusal> send(List<SendMessageBatchRequestEntry> entries, Map<String, ProbeShard> shardsById) {
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            RuntimeException failure = AwsFailures.translate("SQS", "SendMessageBatch", e); // code, status, request id
            return entries.stream().map(entry -> new Refusal(shardsById.get(entry.id()), failure)).toList();
        }
        List<Refusal> refused = new ArrayList<>();
        for (BatchResultErrorEntry failed : response.failed()) {
            ProbeShard shard = shardsById.get(failed.id());
            if (shard != null) {
                // The code only: SQS's message can quote the entry.
                refused.add(new Refusal(shard, new IllegalStateException("SQS SendMessageBatch refused shard "
                        + shard.shardIndex() + ": " + failed.code() + (failed.senderFault() ? " (sender fault)" : ""))));
            }
        }
        return refused;
    }

    private static SendMessageBatchRequestEntry entryOf(ProbeShard shard, Body body) {
        if (body.bytes() > MAX_BATCH_BYTES) {
            throw new IllegalStateException("shard " + shard.shardIndex() + " message exceeds SQS's "
                    + MAX_BATCH_BYTES + " bytes; lower mcpulse.shard.size");
        }
        long delaySeconds = Math.round(shard.startDelay().toMillis() / 1000.0);
        if (delaySeconds > MAX_DELAY_SECONDS) {
            throw new IllegalStateException("shard " + shard.shardIndex() + " start delay of " + delaySeconds
                    + " s exceeds SQS's " + MAX_DELAY_SECONDS + " s; lower mcpulse.jitter.seconds");
        }
        return SendMessageBatchRequestEntry.builder()
                .id("shard-" + shard.shardIndex())
                .messageBody(body.text())
                .delaySeconds((int) delaySeconds)
                .build();
    }

    /**
     * The shard's message; with ids only when its carried entries would take it past one billed unit of SQS
     * ({@link ShardRequest#BILLED_UNIT_BYTES}): its probe then reads the entries, as it does when the registry changed.
     */
    private Body bodyOf(ProbeShard shard) {
        Body body = encode(ShardRequest.of(shard));
        if (shard.entries().isPresent() && body.bytes() > ShardRequest.BILLED_UNIT_BYTES) {
            return encode(ShardRequest.of(shard.withoutEntries()));
        }
        return body;
    }

    /** A message body and its size in bytes, which SQS's limits count: measured once. */
    private record Body(String text, int bytes) {
    }

    private Body encode(ShardRequest request) {
        try {
            byte[] utf8 = json.writeValueAsBytes(request);
            return new Body(new String(utf8, StandardCharsets.UTF_8), utf8.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
