package dev.mcpulse.probe;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.wiring.ShardRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /** The payload the scheduler sends for one shard of a cycle started at {@code cycleStart}. */
    static ShardRequest shard(Instant cycleStart, List<String> ids) {
        return new ShardRequest(cycleStart.toString(), 0, ids, 0);
    }
}
