package dev.mcpulse.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpulse.bench.fanout.FleetMix.Category;
import dev.mcpulse.domain.endpoint.EndpointId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the fleet's rows, as the API shows them to a user after a cycle, are right: a healthy endpoint connected
 * (which the API shows only for an ok check that is not stale); a black hole's last outcome a timeout and one
 * answering 401 its rejection, neither shown stale. An endpoint need not have been checked by this very cycle: one in
 * back-off sits cycles out, and one checked late in a cycle is next due a whole interval after that check, so it may
 * sit out the next cycle — the stale rule says whether its row still speaks for it. Every endpoint must be listed.
 */
record ApiRowCheck(int endpoints, int correct, Map<String, Integer> mismatches) {

    static ApiRowCheck of(List<JsonNode> rows, int endpoints) {
        int correct = 0;
        Map<String, Integer> mismatches = new TreeMap<>();
        for (JsonNode row : rows) {
            Category category = FleetMix.category(new EndpointId(row.path("id").asText()));
            String outcome = row.path("last_outcome").asText("none");
            String reason = row.path("reason").asText();
            String wrong = switch (category) {
                case HEALTHY -> !row.path("status").asText().equals("connected") ? outcome + "/" + reason : null;
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

    boolean allRight() {
        return correct == endpoints && mismatches.isEmpty();
    }

    /** "right / all", and what the wrong ones were. */
    String text() {
        return correct + " / " + endpoints + (allRight() ? "" : " **wrong** " + mismatches);
    }
}
