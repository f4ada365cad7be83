package dev.mcpulse.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.service.ShardProbe;
import dev.mcpulse.wiring.LambdaInitialization;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry for the probe queue: each message is one shard from the scheduler. A shard whose message is not a
 * shard, or whose snapshots could not be stored, is reported as a batch item failure, so SQS retries that shard alone
 * and dead-letters it after the queue's receive count; its siblings are done. When every shard of the batch failed
 * the invocation fails too, so that Lambda's error metric (ProbeErrorsAlarm) sees it.
 */
public class ProbeHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeHandler.class);

    @Inject
    ShardProbe shardProbe;

    @Inject
    JsonMapper json;

    /** Used by Lambda. */
    public ProbeHandler() {
    }

    /** Used by tests, which bring their own context. */
    public ProbeHandler(ApplicationContext context) {
        super(context);
    }

    /** An on-demand cold start builds only what the event needs; see {@link LambdaInitialization}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaInitialization.contextBuilder(System.getenv());
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        RuntimeException lastFailure = null;
        for (SQSEvent.SQSMessage message : messages) {
            try {
                ShardSummary summary = probe(shardRequestOf(message), deliveryOf(message));
                LOG.atInfo().addKeyValue("shard", summary.shardIndex()).addKeyValue("probed", summary.probed())
                        .addKeyValue("connected", summary.connected()).addKeyValue("skipped", summary.skipped())
                        .addKeyValue("alreadyChecked", summary.alreadyChecked())
                        .addKeyValue("entriesRead", summary.entriesRead())
                        .log("shard probed");
            } catch (RuntimeException e) {
                lastFailure = e;
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                LOG.atError().addKeyValue("messageId", message.getMessageId())
                        .addKeyValue("receiveCount", message.getAttributes() == null ? null
                                : message.getAttributes().get("ApproximateReceiveCount"))
                        .log("shard failed, left on the queue for a retry: {}", FailureDescription.of(e));
            }
        }
        if (lastFailure != null && failures.size() == messages.size()) {
            throw lastFailure; // SQS retries the whole batch, as it would the reported items
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** A shard's first delivery. */
    ShardSummary probe(ShardRequest request) {
        return probe(request, ShardProbe.Delivery.FIRST);
    }

    /** One shard, probed: throws only when the request is not a shard or snapshots could not be stored. */
    ShardSummary probe(ShardRequest request, ShardProbe.Delivery delivery) {
        ProbeShard shard = request.toShard()
                .orElseThrow(() -> new IllegalArgumentException("the message is not a shard request from the scheduler"));
        return ShardSummary.of(shardProbe.run(shard, timeRemaining(), delivery));
    }

    /**
     * The first delivery only when SQS says so (ApproximateReceiveCount 1): a message without the count is taken for
     * a redelivery, which probes every endpoint of the shard (what every delivery did before late shards left some
     * out), never fewer.
     */
    static ShardProbe.Delivery deliveryOf(SQSEvent.SQSMessage message) {
        String receiveCount = message.getAttributes() == null ? null
                : message.getAttributes().get("ApproximateReceiveCount");
        return "1".equals(receiveCount) ? ShardProbe.Delivery.FIRST : ShardProbe.Delivery.AGAIN;
    }

    /**
     * What is left of this invocation (Lambda's context, which the handler registers as a bean for each event), so a
     * shard's retries of probes spoiled by local overload never outlast the function; outside Lambda, its timeout.
     */
    Duration timeRemaining() {
        return getApplicationContext().findBean(Context.class).map(Context::getRemainingTimeInMillis)
                .filter(millis -> millis > 0).map(millis -> Duration.ofMillis(millis))
                .orElse(ShardProbe.INVOCATION_TIME);
    }

    private ShardRequest shardRequestOf(SQSEvent.SQSMessage message) {
        try {
            return json.readValue(message.getBody() == null ? "" : message.getBody(), ShardRequest.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the message is not a shard request from the scheduler");
        }
    }
}
