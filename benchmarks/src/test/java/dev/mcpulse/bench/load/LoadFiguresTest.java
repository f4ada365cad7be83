package dev.mcpulse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadFiguresTest {

    private static final LoadFigures.Setting SETTING = new LoadFigures.Setting("bin/mcpulse-load --seconds 10",
            "2026-11-22T06:00:00Z", "2 cores", 1_000, 8, 10, 42.5, 1_000, 50.0, 12.25, 300L * 1024 * 1024, 0);

    @Test
    void reportsThroughputLatencyAndErrorsPerRouteOverTheElapsedTime() {
        RouteStats list = new RouteStats(LoadDriver.LIST_ROUTE);
        for (int i = 1; i <= 100; i++) {
            list.answered(200, i);
        }
        RouteStats check = new RouteStats(LoadDriver.CHECK_ROUTE);
        check.answered(200, 5);
        check.outcome("ok");
        check.answered(503, 7);
        check.failed(new HttpTimeoutException("request timed out"));
        check.failed(new ConnectException("refused"));
        check.failed(new ConnectException("refused"));

        String md = LoadFigures.markdown(SETTING, new LoadDriver.Result(list, check, Duration.ofSeconds(20), 4, 4));

        assertThat(md).contains("| `GET /api/mcp/clients` | 100 | 5.00 req/s | 50.0 ms | 99.0 ms | 100 ms | 0 |");
        assertThat(md).contains("| `POST /api/mcp/clients/{id}/check` | 5 | 0.25 req/s | 5.00 ms | 5.00 ms | 5.00 ms | 4 |");
        assertThat(md).contains("| all | 105 | 5.25 req/s |  |  |  | 4 |");
        assertThat(md).contains("POST /api/mcp/clients/{id}/check: ConnectException × 2, "
                + "POST /api/mcp/clients/{id}/check: HTTP 503 × 1, POST /api/mcp/clients/{id}/check: HttpTimeoutException × 1");
        assertThat(md).contains("Outcomes the checks reported (a probe that fails is an answer, not an error): ok × 1.");
        assertThat(md).contains("for 10 s with 8 requests in flight (4 listing, 4 checking");
        assertThat(md).contains("listed all 1,000 endpoints 42.5 s after it was started")
                .contains("first scheduler cycle had checked every endpoint, 50.0 s after the start")
                .contains("12.3 CPU s; its peak RSS was 300 MiB, and it exited with 0");
    }

    @Test
    void saysSoWhenTheFirstCycleHadNotCheckedEveryEndpointBeforeTheLoad() {
        LoadFigures.Setting partial = new LoadFigures.Setting("bin/mcpulse-load", "2026-11-22T06:00:00Z", "2 cores",
                1_000, 8, 10, 42.5, 640, 222.0, 12.25, 1L << 30, 0);
        RouteStats none = new RouteStats(LoadDriver.LIST_ROUTE);

        String md = LoadFigures.markdown(partial, new LoadDriver.Result(none, none, Duration.ofSeconds(1), 1, 1));

        assertThat(md).contains("had checked 640 of them (the wait for the rest ran out), 222 s after the start");
    }

    @Test
    void aRunWithoutErrorsSaysNone() throws IOException {
        RouteStats list = new RouteStats(LoadDriver.LIST_ROUTE);
        list.answered(200, 3);
        RouteStats check = new RouteStats(LoadDriver.CHECK_ROUTE);

        String md = LoadFigures.markdown(SETTING, new LoadDriver.Result(list, check, Duration.ofSeconds(1), 1, 1));

        assertThat(md).contains("Errors (any non-2xx answer or transport failure): none.");
        assertThat(md).contains("| `POST /api/mcp/clients/{id}/check` | 0 | 0.00 req/s | — | — | — | 0 |");
    }
}
