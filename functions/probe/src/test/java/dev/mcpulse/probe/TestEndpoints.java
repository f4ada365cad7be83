package dev.mcpulse.probe;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registry entries for the probe tests, validated as every entry is, and the shard payloads that name them. */
final class TestEndpoints {

    private TestEndpoints() {
    }

    static Endpoint endpoint(Map<String, Object> entry) {
        return switch (new EndpointParser(UrlPolicy.local()).parse(entry)) {
            case EndpointParser.Result.Valid valid -> valid.endpoint();
            case EndpointParser.Result.Invalid invalid -> throw new IllegalArgumentException(invalid.errors().toString());
        };
    }

    /** The shard as the probe queue delivers it: one message whose body is the scheduler's payload. */
    static SQSEvent queued(ShardRequest request) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setEventSource("aws:sqs");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        try {
            message.setBody(JsonMapper.createDefault().writeValueAsString(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** The payload the scheduler sends for one shard of a cycle started at {@code cycleStart}. */
    static ShardRequest shard(Instant cycleStart, List<String> ids) {
        return new ShardRequest(cycleStart.toString(), 0, ids, 0);
    }
}
