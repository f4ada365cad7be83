package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure on the fan-out: the scheduler sends shards to the probe queue, and the queue's event source mapping
 * invokes the probe function at most ProbeMaxConcurrency at once, so a large fleet's shards wait in the queue instead
 * of taking the account's concurrency (and the api function's with it). A failed shard is retried alone, then
 * dead-lettered, never lost.
 */
class SamTemplateConcurrencyTest {

    final SamTemplate sam = SamTemplate.load();

    @Test
    void theProbeQueuesEventSourceMappingCapsTheProbeFunctionsConcurrencyWithAParameter() {
        Map<String, Object> queue = map(map(sam.properties("ProbeFunction").get("Events")).get("ProbeQueue"));
        assertThat(queue.get("Type")).isEqualTo("SQS");
        Map<String, Object> mapping = map(queue.get("Properties"));
        assertThat(mapping.get("Queue")).isEqualTo(Map.of("Fn::GetAtt", List.of("ProbeQueue", "Arn")));
        assertThat(map(mapping.get("ScalingConfig")).get("MaximumConcurrency"))
                .isEqualTo(SamTemplate.ref("ProbeMaxConcurrency"));
        assertThat(mapping.get("FunctionResponseTypes")).as("one failed shard is retried alone")
                .isEqualTo(List.of("ReportBatchItemFailures"));
        // MaximumConcurrency takes 2 to 1000; as many are reserved, so the account cannot throttle those invocations.
        assertThat(((Number) sam.parameter("ProbeMaxConcurrency").get("MinValue")).intValue()).isEqualTo(2);
        assertThat(((Number) sam.parameter("ProbeMaxConcurrency").get("MaxValue")).intValue()).isEqualTo(1000);
        assertThat(sam.properties("ProbeFunction").get("ReservedConcurrentExecutions"))
                .isEqualTo(SamTemplate.ref("ProbeMaxConcurrency"));
        // No cap on the api and scheduler functions: they are small and must never queue behind probes.
        assertThat(sam.properties("ApiFunction")).doesNotContainKey("ReservedConcurrentExecutions");
        assertThat(sam.properties("SchedulerFunction")).doesNotContainKey("ReservedConcurrentExecutions");
        // Nothing invokes the probe function asynchronously any more: no async retries or destinations to configure.
        assertThat(sam.properties("ProbeFunction")).doesNotContainKey("EventInvokeConfig");
    }

    @Test
    void aFailedShardIsRetriedThenDeadLetteredAndNotOfferedAgainWhileItIsStillBeingProbed() {
        Map<String, Object> queue = sam.properties("ProbeQueue");
        int timeout = ((Number) sam.functionProperty("ProbeFunction", "Timeout")).intValue();

        assertThat(((Number) queue.get("VisibilityTimeout")).intValue()).as("6 x the probe function's timeout (AWS)")
                .isGreaterThanOrEqualTo(6 * timeout);
        Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("ProbeDeadLetterQueue", "Arn")));
        assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).as("a retry before the dead-letter queue")
                .isGreaterThan(1);
        // A dead-lettered message keeps its enqueue time: the dead-letter queue must keep messages longer.
        int retention = ((Number) queue.getOrDefault("MessageRetentionPeriod", 345_600)).intValue();
        assertThat(((Number) sam.properties("ProbeDeadLetterQueue").get("MessageRetentionPeriod")).intValue())
                .isGreaterThan(retention);
    }
}
