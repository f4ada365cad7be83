package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;
import static dev.mcpulse.template.SamTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every alarm pages someone, and the alarms an operator expects exist and watch the right resource. */
class SamTemplateAlarmsTest {

    static SamTemplate sam;

    @BeforeAll
    static void load() {
        sam = SamTemplate.load();
    }

    static String theOnlyAlarmOn(String namespace, String metric, String dimension, Object value) {
        List<String> alarms = sam.alarmsOn(namespace, metric, dimension, value);
        assertThat(alarms).as("alarms on %s %s of %s", namespace, metric, value).hasSize(1);
        return alarms.get(0);
    }

    static String topic() {
        List<String> topics = sam.ofType("AWS::SNS::Topic");
        assertThat(topics).as("the alarm topic").hasSize(1);
        return topics.get(0);
    }

    @Test
    void everyAlarmNotifiesTheTopicWhenItFiresAndWhenItRecovers() {
        List<String> alarms = sam.ofType("AWS::CloudWatch::Alarm");
        String topic = topic();

        assertThat(alarms).isNotEmpty().allSatisfy(alarm -> {
            assertThat(list(sam.properties(alarm).get("AlarmActions"))).as("%s AlarmActions", alarm).contains(ref(topic));
            assertThat(list(sam.properties(alarm).get("OKActions"))).as("%s OKActions", alarm).contains(ref(topic));
        });
    }

    @Test
    void theAlarmEmailIsSubscribedOnlyWhenOneIsGiven() {
        String topic = topic();
        List<String> subscriptions = sam.ofType("AWS::SNS::Subscription");
        assertThat(subscriptions).hasSize(1);
        Map<String, Object> subscription = sam.resource(subscriptions.get(0));
        Map<String, Object> properties = map(subscription.get("Properties"));
        String condition = (String) subscription.get("Condition");

        assertThat(sam.parameter("AlarmEmail").get("Default")).isEqualTo("");
        assertThat(properties).containsEntry("TopicArn", ref(topic)).containsEntry("Protocol", "email")
                .containsEntry("Endpoint", ref("AlarmEmail"));
        assertThat(condition).as("the subscription's Condition").isNotNull();
        assertThat(new Intrinsics(sam, Map.of()).condition(condition)).as("created with no AlarmEmail").isFalse();
        assertThat(new Intrinsics(sam, Map.of("AlarmEmail", "ops@example.com")).condition(condition))
                .as("created with an AlarmEmail").isTrue();
    }

    @Test
    void aFailedSchedulerCyclePages() {
        String alarm = theOnlyAlarmOn("AWS/Lambda", "Errors", "FunctionName", ref("SchedulerFunction"));

        assertThat(sam.properties(alarm)).containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0).containsEntry("Statistic", "Sum");
    }

    @Test
    void aFailedProbeInvocationPages() {
        String alarm = theOnlyAlarmOn("AWS/Lambda", "Errors", "FunctionName", ref("ProbeFunction"));

        assertThat(sam.properties(alarm)).containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0).containsEntry("Statistic", "Sum");
    }

    @Test
    void aMissedSchedulerCyclePages() {
        String alarm = theOnlyAlarmOn("AWS/Lambda", "Invocations", "FunctionName", ref("SchedulerFunction"));

        assertThat(sam.properties(alarm)).containsEntry("ComparisonOperator", "LessThanThreshold")
                .containsEntry("Threshold", 1).containsEntry("TreatMissingData", "breaching");
    }

    @Test
    void anApiServerErrorPages() {
        String alarm = theOnlyAlarmOn("AWS/ApiGateway", "5xx", "ApiId", ref("HttpApi"));

        assertThat(sam.properties(alarm)).containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0).containsEntry("Statistic", "Sum");
    }

    @Test
    void aMessageInTheProbeDeadLetterQueuePages() {
        Object queue = Map.of("Fn::GetAtt", List.of("ProbeDeadLetterQueue", "QueueName"));
        String alarm = theOnlyAlarmOn("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue);

        assertThat(sam.properties(alarm)).containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0);
        assertThat(map(sam.properties("ProbeQueue").get("RedrivePolicy")).get("deadLetterTargetArn"))
                .as("the queue the probe queue's failed shards land in")
                .isEqualTo(Map.of("Fn::GetAtt", List.of("ProbeDeadLetterQueue", "Arn")));
    }

    /** Back-pressure that never drains: a shard waited a whole interval in the probe queue. */
    @Test
    void aShardWaitingAWholeIntervalInTheProbeQueuePages() {
        Object queue = Map.of("Fn::GetAtt", List.of("ProbeQueue", "QueueName"));
        String alarm = theOnlyAlarmOn("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", queue);
        Object interval = Map.of("Fn::FindInMap", List.of("ProbeInterval", Map.of("Ref", "ProbeIntervalMinutes"), "Seconds"));

        assertThat(sam.properties(alarm)).containsEntry("Statistic", "Maximum")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", interval).containsEntry("Period", interval);
    }

    @Test
    void anyThrottledFunctionPages() {
        List<String> functions = sam.ofType("AWS::Serverless::Function");

        assertThat(functions).isNotEmpty().allSatisfy(function ->
                assertThat(sam.alarmsOn("AWS/Lambda", "Throttles", "FunctionName", ref(function)))
                        .as("alarms on the throttles of %s", function).isNotEmpty());
    }

    /** The probe's longest invocation past 80% of its timeout: shards are about to be cut off mid-write. */
    @Test
    void aProbeNearItsTimeoutPages() {
        String alarm = theOnlyAlarmOn("AWS/Lambda", "Duration", "FunctionName", ref("ProbeFunction"));
        int timeoutSeconds = ((Number) sam.functionProperty("ProbeFunction", "Timeout")).intValue();

        assertThat(sam.properties(alarm)).containsEntry("Statistic", "Maximum")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(((Number) sam.properties(alarm).get("Threshold")).doubleValue()).as("threshold in ms")
                .isEqualTo(timeoutSeconds * 1000 * 0.8);
    }
}
