package dev.mcpulse.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpulse.bench.fanout.FleetMix.Category;
import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the fleet's rows, as the API shows them to a user after a cycle, are right: a healthy endpoint connected and
 * checked by this cycle; a black hole's last outcome a timeout and one answering 401 its rejection, neither shown
 * stale (either may be in back-off and so not checked by every cycle, as the runner intends). Every endpoint of the
 * fleet must be listed.
 */
record ApiRowCheck(int endpoints, int correct, Map<String, Integer> mismatches) {

    static ApiRowCheck of(List<JsonNode> rows, int endpoints, Instant cycleStarted) {
        int correct = 0;
        Map<String, Integer> mismatches = new TreeMap<>();
        for (JsonNode row : rows) {
            Category category = FleetMix.category(new EndpointId(row.path("id").asText()));
            String outcome = row.path("last_outcome").asText("none");
            String reason = row.path("reason").asText();
            String wrong = switch (category) {
                case HEALTHY -> !row.path("status").asText().equals("connected") ? outcome + "/" + reason
                        : checkedBefore(row, cycleStarted) ? "not checked by this cycle" : null;
                case BLACKHOLE, UNAUTHORIZED -> !outcome.equals(category.expected().code()) || reason.equals("stale")
                        ? outcome + "/" + reason : null;
            };
            if (wrong == null) {
                correct++;
            } else {
                mismatches.merge(category.name().toLowerCase() + " → " + wrong, 1, Integer::sum);
            }
        }
        if (rows.size() != endpoints) {
            mismatches.put("rows listed: " + rows.size() + " of " + endpoints, 1);
        }
        return new ApiRowCheck(endpoints, correct, Collections.unmodifiableMap(mismatches));
    }

    private static boolean checkedBefore(JsonNode row, Instant cycleStarted) {
        return !row.hasNonNull("last_check_at") || Instant.parse(row.path("last_check_at").asText()).isBefore(cycleStarted);
    }

    boolean allRight() {
        return correct == endpoints && mismatches.isEmpty();
    }

    /** "right / all", and what the wrong ones were. */
    String text() {
        return correct + " / " + endpoints + (allRight() ? "" : " **wrong** " + mismatches);
    }
}
