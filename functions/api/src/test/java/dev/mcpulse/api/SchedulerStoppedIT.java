package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.ManualClock;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault: the scheduler stops (a dead cron). One real cycle probes a real MCP server, then no cycle comes; time moves
 * on an injected clock and the real API (the api function fed API Gateway events) is read every 10 s. The API says
 * the scheduler is late as soon as an interval plus grace has passed without a cycle, and within one stale window
 * every endpoint is {@code configured_but_unconnected} / {@code stale} — never {@code connected} from old data.
 * When cycles resume, so does the fleet.
 */
class SchedulerStoppedIT {

    static final Instant T0 = ManualClock.realNowToTheMinute();
    static final long INTERVAL_S = 300;
    static final long GRACE_S = 30;
    static final long TIMEOUT_S = 10;
    /** The scheduler is late after this long without a cycle (FleetQuery), an endpoint stale after this (StatusPolicy). */
    static final long LATE_AFTER_S = INTERVAL_S + GRACE_S;
    static final long STALE_AFTER_S = INTERVAL_S + TIMEOUT_S + GRACE_S;
    static final List<String> HEALTHY = List.of("healthy-1", "healthy-2", "healthy-3");

    static RunningServer server;
    static ManualClock clock;
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        server = JavaSdkServers.builder("scheduled", "1.0.0").standardTools().start();
        clock = new ManualClock(T0);
        api = ApiHarness.start(Map.of("mcpulse.probe.interval.seconds", String.valueOf(INTERVAL_S),
                InProcessShardDispatcher.PROPERTY, "true"), clock);
        HEALTHY.forEach(id -> api.register(Map.of("id", id, "url", server.url().toString(), "timeoutMs", TIMEOUT_S * 1000)));
        api.register(Map.of("id", "down", "url", "http://127.0.0.1:" + closedPort() + "/mcp", "timeoutMs", TIMEOUT_S * 1000));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        server.close();
    }

    @Test
    void aStoppedSchedulerIsLateOnTheApiAndEveryEndpointIsStaleWithinOneStaleWindow() {
        api.bean(Scheduler.class).runCycle();

        long firstLate = -1;
        long firstAllStale = -1;
        for (long elapsed = 10; elapsed <= STALE_AFTER_S + 60; elapsed += 10) {
            clock.set(T0.plusSeconds(elapsed));
            Map<String, Object> fleet = listClients();
            Map<String, Object> scheduler = map(fleet.get("scheduler"));
            assertThat(scheduler.get("last_cycle_at")).isEqualTo(T0.toString());
            boolean late = (Boolean) scheduler.get("late");
            assertThat(late).as("late at T0+%ds", elapsed).isEqualTo(elapsed > LATE_AFTER_S);
            if (late && firstLate < 0) {
                firstLate = elapsed;
            }

            List<Map<String, Object>> endpoints = endpoints(fleet);
            assertThat(endpoints).hasSize(4);
            for (Map<String, Object> endpoint : endpoints) {
                String state = endpoint.get("status") + "/" + endpoint.get("reason");
                if (elapsed > STALE_AFTER_S) {
                    assertThat(state).as("%s at T0+%ds", endpoint.get("id"), elapsed)
                            .isEqualTo("configured_but_unconnected/stale");
                } else if (HEALTHY.contains(endpoint.get("id"))) {
                    assertThat(state).as("%s at T0+%ds", endpoint.get("id"), elapsed).isEqualTo("connected/ok");
                } else {
                    assertThat(state).startsWith("configured_but_unconnected/").isNotEqualTo("configured_but_unconnected/stale");
                }
            }
            Map<String, Object> summary = map(fleet.get("summary"));
            if (((Number) summary.get("stale")).intValue() == 4 && firstAllStale < 0) {
                firstAllStale = elapsed;
                assertThat(map(summary.get("by_status"))).containsEntry("connected", 0)
                        .containsEntry("configured_but_unconnected", 4);
            }
        }
        // Read every 10 s: the first reads past each limit.
        assertThat(firstLate).isGreaterThan(LATE_AFTER_S).isLessThanOrEqualTo(LATE_AFTER_S + 10);
        assertThat(firstAllStale).isGreaterThan(STALE_AFTER_S).isLessThanOrEqualTo(STALE_AFTER_S + 10);

        // The scheduler comes back: its next cycle makes the fleet fresh again.
        Instant resumed = T0.plusSeconds(STALE_AFTER_S + 70);
        clock.set(resumed);
        api.bean(Scheduler.class).runCycle();
        Map<String, Object> fleet = listClients();
        assertThat(map(fleet.get("scheduler"))).containsEntry("late", false).containsEntry("last_cycle_at", resumed.toString());
        assertThat(endpoints(fleet)).filteredOn(e -> HEALTHY.contains(e.get("id")))
                .allSatisfy(e -> assertThat(e).containsEntry("status", "connected"));
        System.out.printf("FIGURES scheduler stopped: interval %d s; API scheduler.late from T0+%d s (limit %d s);"
                + " all 4 endpoints configured_but_unconnected/stale from T0+%d s (stale window %d s); connected from"
                + " stale data: 0; fresh again after the next cycle%n", INTERVAL_S, firstLate, LATE_AFTER_S,
                firstAllStale, STALE_AFTER_S);
    }

    private static Map<String, Object> listClients() {
        ApiHarness.Response response = api.request("list-clients.json").send();
        assertThat(response.status()).isEqualTo(200);
        return api.parse(response.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> endpoints(Map<String, Object> fleet) {
        return (List<Map<String, Object>>) fleet.get("endpoints");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
