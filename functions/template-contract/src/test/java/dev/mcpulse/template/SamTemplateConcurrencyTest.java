package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Back-pressure on the fan-out: the probe function's concurrency is capped by a parameter, so a large fleet queues its
 * shards in Lambda's asynchronous queue instead of taking the account's concurrency (and the api function's with it),
 * and a shard that waits too long is dead-lettered, not lost.
 */
class SamTemplateConcurrencyTest {

    @Test
    void theProbeFunctionsConcurrencyIsCappedByAParameterAndQueuedShardsEndInTheDeadLetterQueue() {
        SamTemplate sam = SamTemplate.load();
        Object cap = sam.properties("ProbeFunction").get("ReservedConcurrentExecutions");
        assertThat(cap).as("ProbeFunction.ReservedConcurrentExecutions").isEqualTo(SamTemplate.ref("ProbeMaxConcurrency"));
        assertThat(((Number) sam.parameter("ProbeMaxConcurrency").get("MinValue")).intValue()).isEqualTo(1);
        // No cap on the api and scheduler functions: they are small and must never queue behind probes.
        assertThat(sam.properties("ApiFunction")).doesNotContainKey("ReservedConcurrentExecutions");
        assertThat(sam.properties("SchedulerFunction")).doesNotContainKey("ReservedConcurrentExecutions");

        var invokeConfig = map(sam.properties("ProbeFunction").get("EventInvokeConfig"));
        assertThat(invokeConfig.get("MaximumEventAgeInSeconds")).as("a throttled shard waits, then is dead-lettered")
                .isNotNull();
        assertThat(map(map(map(invokeConfig.get("DestinationConfig")).get("OnFailure"))).get("Type")).isEqualTo("SQS");
    }
}
