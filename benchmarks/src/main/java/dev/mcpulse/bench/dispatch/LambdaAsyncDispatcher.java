package dev.mcpulse.bench.dispatch;

import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The baseline: the fan-out as it was before the probe queue (the scheduler's former LambdaProbeDispatcher), one
 * asynchronous ({@code Event}) Invoke of the probe function per shard, the same payload.
 */
final class LambdaAsyncDispatcher implements ProbeDispatcher {

    private final LambdaClient lambda;
    private final JsonMapper json;

    LambdaAsyncDispatcher(LambdaClient lambda, JsonMapper json) {
        this.lambda = lambda;
        this.json = json;
    }

    @Override
    public void dispatch(ProbeShard shard) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(ShardRequest.of(shard));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int status = lambda.invoke(request -> request.functionName("mcpulse-probe:live")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromByteArrayUnsafe(payload))).statusCode();
        if (status != 202) {
            throw new IllegalStateException("shard " + shard.shardIndex() + " not accepted (status " + status + ")");
        }
    }
}
