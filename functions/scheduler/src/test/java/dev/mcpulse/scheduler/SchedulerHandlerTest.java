package dev.mcpulse.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real handler with its real beans: the DynamoDB adapters on DynamoDB Local, and the real LambdaClient
 * against a loopback stand-in of the Lambda Invoke API.
 */
class SchedulerHandlerTest {

    LambdaInvokeStandIn lambda;
    EmbeddedDynamoDb dynamoDb;
    ApplicationContext context;
    EndpointRegistry registry;
    CycleLog cycles;
    EmfLines emf;

    @BeforeEach
    void start() throws Exception {
        lambda = new LambdaInvokeStandIn();
        dynamoDb = EmbeddedDynamoDb.inMemory();
        emf = new EmfLines();
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.probe.function.name", "mcpulse-probe-prod",
                        "mcpulse.lambda.endpoint", lambda.url().toString(),
                        "mcpulse.shard.size", "25",
                        "mcpulse.jitter.seconds", "30",
                        // metrics on, as in a Lambda function of this name; the lines are captured, not printed
                        "mcpulse.metrics.function-name", "mcpulse-prod-SchedulerFunction-Test"))
                .singletons(dynamoDb.client(), emf)
                .start();
        registry = context.getBean(EndpointRegistry.class);
        cycles = context.getBean(CycleLog.class);
    }

    @AfterEach
    void stop() {
        context.close();
        dynamoDb.close();
        lambda.close();
    }

    static Endpoint endpoint(int i) {
        return new Endpoint(new EndpointId(String.format("ep-%03d", i)), "EP " + i, Map.of(),
                URI.create("https://ep" + i + ".example.com/mcp"), Transport.AUTO, new AuthRef.None(),
                Duration.ofSeconds(10), Optional.empty(), true);
    }

    @Test
    void aScheduledEventFansOutOneAsynchronousInvocationPerShard() throws Exception {
        IntStream.range(0, 60).forEach(i -> registry.put(endpoint(i)));
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled-event.json");

        CycleSummary summary = new SchedulerHandler(context).execute(event);

        assertThat(summary.endpointsDue()).isEqualTo(60);
        assertThat(summary.shardsDispatched()).isEqualTo(3);
        assertThat(lambda.invocations).hasSize(3).allSatisfy(invocation -> {
            assertThat(invocation.path()).isEqualTo("/2015-03-31/functions/mcpulse-probe-prod/invocations");
            assertThat(invocation.invocationType()).isEqualTo("Event");
            assertThat(invocation.body().length()).isLessThan(LambdaProbeDispatcher.MAX_ASYNC_PAYLOAD_BYTES / 100);
        });
        JsonMapper json = context.getBean(JsonMapper.class);
        var shards = lambda.invocations.stream().map(i -> read(json, i.body())).toList();
        assertThat(shards).extracting(ShardRequest::startDelayMs).containsExactlyInAnyOrder(0L, 10_000L, 20_000L);
        assertThat(shards.stream().flatMap(s -> s.endpointIds().stream()).distinct().count()).isEqualTo(60);
        assertThat(shards).allSatisfy(s -> assertThat(s.toShard()).isPresent());
        assertThat(cycles.last()).isPresent();

        // One EMF line for the cycle: its duration and the shards dispatched, under the function's name.
        Map<String, Object> metrics = emf.documents(json).getFirst();
        assertThat(emf.lines()).hasSize(1);
        assertThat(metrics).containsEntry("FunctionName", "mcpulse-prod-SchedulerFunction-Test")
                .containsEntry(MetricNames.SHARDS_DISPATCHED, 3)
                .containsEntry(MetricNames.SHARDS_FAILED, 0)
                .containsEntry(MetricNames.ENDPOINTS_DUE, 60)
                .containsEntry(MetricNames.STORE_FAILURES, 0);
        assertThat(((Number) metrics.get(MetricNames.CYCLE_DURATION)).longValue()).isNotNegative();
        assertThat(metrics.get("_aws").toString()).contains("Namespace=mcpulse", "Dimensions=[[FunctionName]]",
                "{Name=" + MetricNames.CYCLE_DURATION + ", Unit=Milliseconds}");
    }

    @Test
    void aRefusedInvocationFailsTheCycleLoudlyAfterRecordingIt() {
        IntStream.range(0, 3).forEach(i -> registry.put(endpoint(i)));
        lambda.failNext.set(10); // more than the SDK's retries

        assertThatThrownBy(() -> new SchedulerHandler(context).execute(new ScheduledEvent()))
                .isInstanceOf(Scheduler.DispatchFailure.class).hasMessage("1 of 1 shards could not be dispatched");
        assertThat(cycles.last()).hasValueSatisfying(c -> assertThat(c.shardsDispatched()).isZero());
        assertThat(emf.documents(context.getBean(JsonMapper.class))).singleElement()
                .satisfies(metrics -> assertThat(metrics).containsEntry(MetricNames.SHARDS_FAILED, 1)
                        .containsEntry(MetricNames.SHARDS_DISPATCHED, 0));
    }

    static ShardRequest read(JsonMapper json, String body) {
        try {
            return json.readValue(body, ShardRequest.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
