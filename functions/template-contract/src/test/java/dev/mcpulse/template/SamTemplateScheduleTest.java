package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One parameter sets the probe interval: the schedule, the interval the functions derive status with and the
 * missed-cycle alarm's period all follow it, for every value it allows. A failed or late cycle is dropped, not run
 * into the next one.
 */
class SamTemplateScheduleTest {

    static final String INTERVAL = "ProbeIntervalMinutes";
    /** EventBridge Scheduler's rate grammar: "rate(1 minute)", "rate(5 minutes)"; never "rate(1 minutes)". */
    static final Pattern RATE = Pattern.compile(
            "rate\\((?:(1) (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\\)");
    static final Map<String, Integer> UNIT_SECONDS = Map.of("minute", 60, "hour", 3600, "day", 86400);

    static SamTemplate sam;

    @BeforeAll
    static void load() {
        sam = SamTemplate.load();
    }

    static Stream<Integer> allowedIntervals() {
        load();
        return list(sam.parameter(INTERVAL).get("AllowedValues")).stream().map(v -> ((Number) v).intValue());
    }

    static Map<String, Object> schedule() {
        List<Map<String, Object>> schedules = sam.ofType("AWS::Serverless::Function").stream()
                .flatMap(f -> map(sam.properties(f).get("Events")).values().stream().map(SamTemplate::map))
                .filter(event -> "ScheduleV2".equals(event.get("Type")))
                .toList();
        assertThat(schedules).as("ScheduleV2 events").hasSize(1);
        return map(schedules.get(0).get("Properties"));
    }

    static String missedCycleAlarm() {
        List<String> alarms = sam.alarmsOn("AWS/Lambda", "Invocations", "FunctionName", SamTemplate.ref("SchedulerFunction"));
        assertThat(alarms).as("the missed-cycle alarm").hasSize(1);
        return alarms.get(0);
    }

    @ParameterizedTest(name = "{0} minutes")
    @MethodSource("allowedIntervals")
    void theScheduleTheFunctionsAndTheMissedCycleAlarmFollowTheInterval(int minutes) {
        Intrinsics scheduleValues = new Intrinsics(sam, Map.of(INTERVAL, String.valueOf(minutes)));
        Intrinsics alarmValues = new Intrinsics(sam, Map.of(INTERVAL, String.valueOf(minutes)));

        String expression = String.valueOf(scheduleValues.resolve(schedule().get("ScheduleExpression")));
        Object period = alarmValues.resolve(sam.properties(missedCycleAlarm()).get("Period"));

        assertThat(rateSeconds(expression)).as("seconds between runs of %s", expression).isEqualTo(minutes * 60);
        assertThat(scheduleValues.parametersRead()).as("parameters the schedule reads").containsExactly(INTERVAL);
        assertThat(String.valueOf(period)).as("missed-cycle alarm period").isEqualTo(String.valueOf(minutes * 60));
        assertThat(alarmValues.parametersRead()).as("parameters the alarm period reads").containsExactly(INTERVAL);
        sam.ofType("AWS::Serverless::Function").forEach(function -> {
            Intrinsics values = new Intrinsics(sam, Map.of(INTERVAL, String.valueOf(minutes)));
            Object seconds = values.resolve(sam.environment(function).get("MCPULSE_PROBE_INTERVAL_SECONDS"));
            assertThat(String.valueOf(seconds)).as("%s MCPULSE_PROBE_INTERVAL_SECONDS", function)
                    .isEqualTo(String.valueOf(minutes * 60));
            assertThat(values.parametersRead()).as("parameters %s's interval reads", function).containsExactly(INTERVAL);
        });
    }

    /**
     * Lambda would retry a failed asynchronous cycle twice and hold an undelivered one up to 6 h: either could run while
     * the next scheduled cycle is due. No retry, and a cycle not started in time is dropped, so that even the latest
     * start ends (the function's timeout) before the shortest interval brings the next cycle.
     */
    @Test
    void aFailedOrLateCycleIsDroppedBeforeTheNextOneIsDue() {
        Map<String, Object> invokeConfig = map(sam.properties("SchedulerFunction").get("EventInvokeConfig"));
        int maximumAge = ((Number) invokeConfig.get("MaximumEventAgeInSeconds")).intValue();
        int timeout = ((Number) sam.functionProperty("SchedulerFunction", "Timeout")).intValue();
        int shortestInterval = allowedIntervals().mapToInt(m -> m * 60).min().orElseThrow();

        assertThat(invokeConfig.get("MaximumRetryAttempts")).as("Lambda's retries of a failed cycle").isEqualTo(0);
        assertThat(map(schedule().get("RetryPolicy")).get("MaximumRetryAttempts"))
                .as("EventBridge Scheduler's retries of a failed delivery").isEqualTo(0);
        assertThat(maximumAge).as("MaximumEventAgeInSeconds (Lambda allows 60-21600)").isBetween(60, 21600);
        assertThat(maximumAge + timeout).as("latest end of a cycle after its schedule, s")
                .isLessThan(shortestInterval);
    }

    static int rateSeconds(String expression) {
        Matcher rate = RATE.matcher(expression);
        assertThat(rate.matches()).as("%s is a rate expression EventBridge Scheduler accepts", expression).isTrue();
        return rate.group(1) != null
                ? UNIT_SECONDS.get(rate.group(2))
                : Integer.parseInt(rate.group(3)) * UNIT_SECONDS.get(rate.group(4).replaceAll("s$", ""));
    }
}
