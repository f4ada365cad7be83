package dev.mcpulse.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows shaped as GET /api/mcp/clients returns them; ids from FleetMix (0 black hole, 1 answering 401, 2 healthy). */
class ApiRowCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant CYCLE = Instant.now();

    static ObjectNode row(int index, String status, String reason, String outcome, Instant checkedAt) {
        return JSON.createObjectNode().put("id", FleetMix.id(index).value()).put("status", status).put("reason", reason)
                .put("last_outcome", outcome).put("last_check_at", checkedAt.toString());
    }

    static List<JsonNode> rightRows() {
        List<JsonNode> rows = new ArrayList<>();
        rows.add(row(0, "configured_but_unconnected", "timeout", "timeout", CYCLE.minusSeconds(30))); // in back-off
        rows.add(row(1, "unhealthy", "auth_rejected", "auth_rejected", CYCLE.plusSeconds(1)));
        rows.add(row(2, "connected", "ok", "ok", CYCLE.plusSeconds(2)));
        return rows;
    }

    @Test
    void rowsAsTheCategoriesMustShowThemAreRight() {
        assertThat(ApiRowCheck.of(rightRows(), 3).allRight()).isTrue();
    }

    @Test
    void aHealthyRowShownStaleOrABlackHoleShownStaleIsWrong() {
        List<JsonNode> rows = rightRows();
        rows.set(0, row(0, "configured_but_unconnected", "stale", "timeout", CYCLE.minusSeconds(300)));
        rows.set(2, row(2, "configured_but_unconnected", "stale", "ok", CYCLE.minusSeconds(300)));

        ApiRowCheck check = ApiRowCheck.of(rows, 3);

        assertThat(check.allRight()).isFalse();
        assertThat(check.correct()).isEqualTo(1);
        assertThat(check.mismatches()).containsOnlyKeys("blackhole → timeout/stale", "healthy → ok/stale");
    }

    @Test
    void aHealthyServerRecordedAsATimeoutOrAMissingRowIsWrong() {
        List<JsonNode> rows = rightRows();
        rows.set(2, row(2, "configured_but_unconnected", "timeout", "timeout", CYCLE.plusSeconds(2)));

        ApiRowCheck check = ApiRowCheck.of(rows.subList(1, 3), 3);

        assertThat(check.mismatches()).containsOnlyKeys("healthy → timeout/timeout", "rows listed: 2 of 3");
    }
}
