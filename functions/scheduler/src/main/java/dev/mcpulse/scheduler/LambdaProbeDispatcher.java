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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Fans a shard out as one asynchronous ({@code Event}) invocation of the probe function: Lambda queues it and
 * answers 202 at once, so the scheduler never waits for probes. Retries and the dead-letter queue are Lambda's
 * (EventInvokeConfig in the template).
 */
@Singleton
@Requires(property = LambdaProbeDispatcher.FUNCTION_PROPERTY)
public final class LambdaProbeDispatcher implements ProbeDispatcher {

    /** {@code MCPULSE_PROBE_FUNCTION_NAME}: name or ARN of the probe function. */
    static final String FUNCTION_PROPERTY = "mcpulse.probe.function.name";
    /** Lambda's limit for an asynchronous invocation payload. */
    static final int MAX_ASYNC_PAYLOAD_BYTES = 256 * 1024;

    private final LambdaClient lambda;
    private final JsonMapper json;
    private final String functionName;

    public LambdaProbeDispatcher(LambdaClient lambda, JsonMapper json, @Value("${" + FUNCTION_PROPERTY + "}") String functionName) {
        this.lambda = lambda;
        this.json = json;
        this.functionName = functionName;
    }

    @Override
    public void dispatch(ProbeShard shard) {
        byte[] payload = payloadOf(shard);
        if (payload.length > MAX_ASYNC_PAYLOAD_BYTES) {
            throw new IllegalStateException("shard " + shard.shardIndex() + " payload of " + payload.length
                    + " bytes exceeds the asynchronous invocation limit; lower mcpulse.shard.size");
        }
        InvokeResponse response;
        try {
            response = lambda.invoke(InvokeRequest.builder()
                    .functionName(functionName)
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArrayUnsafe(payload))
                    .build());
        } catch (SdkException e) {
            throw AwsFailures.translate("Lambda", "Invoke", e); // code, status and request id in the scheduler's log
        }
        if (response.statusCode() != 202) {
            throw new IllegalStateException("probe function did not accept shard " + shard.shardIndex()
                    + " (status " + response.statusCode() + ")");
        }
    }

    byte[] payloadOf(ProbeShard shard) {
        try {
            return json.writeValueAsBytes(ShardRequest.of(shard));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
