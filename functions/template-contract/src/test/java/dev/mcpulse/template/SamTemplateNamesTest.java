package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two stacks of this template can live in one account and region: no resource gets a physical name that is the same
 * in both. A name is left to CloudFormation, or derived from the stack name or from another resource's generated name.
 */
class SamTemplateNamesTest {

    /** Properties whose names end in "Name" but name no account-wide resource. */
    static final Map<String, String> NOT_PHYSICAL_NAMES = Map.of(
            "MetricName", "a CloudWatch metric, not a resource",
            "StageName", "an API stage, scoped to its API",
            "DisplayName", "the sender shown on a topic's messages",
            "OmitName", "a switch: true leaves the schedule's name to CloudFormation",
            "GroupName", "a group inside this stack's own user pool");

    static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    static SamTemplate sam;

    @BeforeAll
    static void load() {
        sam = SamTemplate.load();
    }

    @Test
    void noResourceHasAPhysicalNameASecondStackWouldShare() {
        List<String> fixed = new ArrayList<>();
        sam.resources().keySet().forEach(id -> sam.properties(id).forEach((property, value) -> {
            if (property.endsWith("Name") && !NOT_PHYSICAL_NAMES.containsKey(property) && !uniquePerStack(value)) {
                fixed.add(id + "." + property + " = " + value);
            }
        }));
        sam.ofType("AWS::Serverless::Function").forEach(function ->
                map(sam.properties(function).get("Events")).forEach((event, definition) ->
                        map(map(definition).get("Properties")).forEach((property, value) -> {
                            if (property.endsWith("Name") && !NOT_PHYSICAL_NAMES.containsKey(property)
                                    && !uniquePerStack(value)) {
                                fixed.add(function + ".Events." + event + "." + property + " = " + value);
                            }
                        })));

        assertThat(fixed).as("physical names that are the same in every stack").isEmpty();
    }

    /** Without OmitName or a Name, SAM names a schedule after the function's and the event's logical ids. */
    @Test
    void everyScheduleIsNamedByCloudFormation() {
        List<String> schedules = new ArrayList<>();
        List<String> named = new ArrayList<>();
        sam.ofType("AWS::Serverless::Function").forEach(function ->
                map(sam.properties(function).get("Events")).forEach((event, definition) -> {
                    if ("ScheduleV2".equals(map(definition).get("Type"))) {
                        schedules.add(function + "." + event);
                        Map<String, Object> properties = map(map(definition).get("Properties"));
                        if (!Boolean.TRUE.equals(properties.get("OmitName")) && !properties.containsKey("Name")) {
                            named.add(function + "." + event);
                        }
                    }
                }));

        assertThat(schedules).as("ScheduleV2 events").isNotEmpty();
        assertThat(named).as("schedules SAM names <Function><Event> in every stack").isEmpty();
    }

    /**
     * A name no second stack can share: one that refers to the stack's name or to another resource of this stack
     * (whose own name CloudFormation generated), e.g. {@code !Sub /aws/lambda/${ProbeFunction}}.
     */
    static boolean uniquePerStack(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("Ref")) {
                return isStackUnique((String) m.get("Ref"));
            }
            if (m.containsKey("Fn::GetAtt")) {
                return isStackUnique((String) list(m.get("Fn::GetAtt")).get(0));
            }
            if (m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                String text = sub instanceof List<?> l ? (String) l.get(0) : (String) sub;
                Matcher variable = SUB_VARIABLE.matcher(text);
                while (variable.find()) {
                    String name = variable.group(1).split("\\.")[0];
                    if (isStackUnique(name)) {
                        return true;
                    }
                    if (sub instanceof List<?> l && uniquePerStack(map(l.get(1)).get(name))) {
                        return true;
                    }
                }
                return false;
            }
            return m.values().stream().anyMatch(SamTemplateNamesTest::uniquePerStack);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(SamTemplateNamesTest::uniquePerStack);
        }
        return false; // a literal, the same in every stack
    }

    static boolean isStackUnique(String reference) {
        return reference.equals("AWS::StackName") || reference.equals("AWS::StackId")
                || sam.resources().containsKey(reference)
                // SAM's reference to the alias of a function of this stack
                || (reference.endsWith(".Alias") && sam.resources().containsKey(reference.substring(0,
                        reference.length() - ".Alias".length())));
    }
}
