package dev.mcpulse.api;

import static dev.mcpulse.api.Seed.failed;
import static dev.mcpulse.api.Seed.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/mcp/clients} page by page through the real Lambda entry over DynamoDB Local: every endpoint
 * exactly once and in id order, with each filter; bad limits and cursors are precise 400s; a page's size is bounded.
 */
class PagedListHandlerTest {

    static final int FLEET = 260;

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        api.clearFleet();
        api.registerAll(IntStream.range(0, FLEET).mapToObj(PagedListHandlerTest::entry).toList());
        Seed seed = new Seed(api);
        for (int i = 0; i < FLEET; i += 5) {
            seed.checked(id(i), healthy(3), Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String id(int i) {
        return String.format("ep-%03d", i);
    }

    private static Map<String, Object> entry(int i) {
        return Seed.entry(id(i), "name", "Endpoint number " + i,
                "labels", Map.of("team", i % 4 == 0 ? "payments" : "search", "env", "prod"));
    }

    @Test
    void pagingGivesEveryMatchingEndpointExactlyOnceInIdOrderWithEachFilter() {
        List<String> all = IntStream.range(0, FLEET).mapToObj(PagedListHandlerTest::id).toList();
        Map<List<String>, Predicate<Integer>> cases = new LinkedHashMap<>();
        cases.put(List.of("limit", "37"), i -> true);
        cases.put(List.of("limit", "10", "label", "team:payments"), i -> i % 4 == 0);
        cases.put(List.of("limit", "3", "status", "connected", "label", "team:payments,env:prod"), i -> i % 20 == 0);
        cases.put(List.of("limit", "25", "search", "EP-1"), i -> i >= 100 && i < 200);
        cases.put(List.of("limit", "250", "status", "configured_but_unconnected"), i -> i % 5 != 0);
        cases.put(List.of("search", "number 7"), i -> String.valueOf(i).startsWith("7"));
        cases.put(List.of("limit", "7", "id_prefix", "EP-0"), i -> i < 100);
        cases.put(List.of("id_prefix", "ep-1", "search", "number 15"), i -> i >= 150 && i < 160);
        cases.put(List.of("limit", "2", "id_prefix", "ep-25", "label", "team:payments"), i -> i >= 250 && i % 4 == 0);
        cases.put(List.of("id_prefix", "ep-2599"), i -> false);

        cases.forEach((query, matches) -> {
            List<String> expected = IntStream.range(0, FLEET).filter(matches::test).mapToObj(all::get).toList();
            List<Map<String, Object>> pages = pageThrough(query);
            List<String> listed = pages.stream().flatMap(p -> endpoints(p).stream()).map(e -> (String) e.get("id")).toList();

            assertThat(listed).as("%s", query).isEqualTo(expected);
            assertThat(pages).as("%s", query).allSatisfy(p -> assertThat(summary(p)).containsEntry("total", FLEET));
            assertThat(pages.getLast().get("next")).isNull();
        });
    }

    @Test
    void withoutALimitAPageHoldsAHundredAndSaysWhereToGoOn() {
        Map<String, Object> first = api.parse(send("list-clients.json").body());

        assertThat(endpoints(first)).hasSize(FleetController.DEFAULT_LIMIT);
        assertThat(first.get("next")).isInstanceOf(String.class);
        assertThat(summary(first)).containsEntry("total", FLEET).containsEntry("by_status",
                Map.of("connected", FLEET / 5, "configured_but_unconnected", FLEET - FLEET / 5, "unhealthy", 0));
        assertThat(first.get("scheduler")).isNotNull();
    }

    @Test
    void aLimitThatIsNotAWholeNumberInRangeIsA400() {
        for (String limit : List.of("0", "-1", "251", "ten", "1.5", "１０", "99999999999")) {
            ApiHarness.Response response = api.request("list-clients.json").query("limit", limit).send();

            assertThat(response.status()).as(limit).isEqualTo(400);
            assertThat(api.parse(response.body())).as(limit).containsEntry("error", "invalid_parameter")
                    .containsEntry("field", "limit")
                    .containsEntry("message", "limit " + Shown.text(limit) + " is not a whole number from 1 to 250");
        }
    }

    @Test
    void aMalformedOrForgedCursorIsA400ThatSaysSo() {
        String fingerprint = FleetCursor.fingerprint(FleetFilters.parse(null, List.of()));
        List<String> bad = List.of("garbage!", "%%%", "a".repeat(500), base64("hello"), base64("c1~" + fingerprint),
                base64("c0~" + fingerprint + "~ep-001"), base64("c1~" + fingerprint + "~NOT AN ID"),
                base64("c1~" + fingerprint + "~ep-001~extra"), "YQ", "=");
        for (String next : bad) {
            ApiHarness.Response response = api.request("list-clients.json").query("next", next).send();

            assertThat(response.status()).as(next).isEqualTo(400);
            Map<String, Object> error = api.parse(response.body());
            assertThat(error).as(next).containsEntry("error", "invalid_parameter").containsEntry("field", "next");
            assertThat((String) error.get("message")).as(next).contains("is not a cursor this API issued")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aCursorIssuedForOtherFiltersIsA400NotAPageThatSkipsRows() {
        Map<String, Object> payments = api.parse(api.request("list-clients.json")
                .query("label", "team:payments", "limit", "5").send().body());
        String next = (String) payments.get("next");

        ApiHarness.Response unfiltered = api.request("list-clients.json").query("next", next).send();
        ApiHarness.Response otherLabel = api.request("list-clients.json").query("label", "team:search", "next", next).send();
        ApiHarness.Response same = api.request("list-clients.json")
                .query("label", "team:payments", "limit", "5", "next", next).send();

        for (ApiHarness.Response response : List.of(unfiltered, otherLabel)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(api.parse(response.body())).containsEntry("error", "invalid_parameter").containsEntry("field", "next")
                    .containsEntry("message", "next belongs to a listing with other filters: send it with the same status,"
                            + " label, search and id_prefix as the request that returned it, or leave next out to start from the first page");
        }
        assertThat(same.status()).isEqualTo(200);
        assertThat(endpoints(api.parse(same.body()))).extracting(e -> e.get("id"))
                .containsExactly(id(20), id(24), id(28), id(32), id(36));
    }

    @Test
    void anIdPrefixThatNoIdCanBeginWithIsA400ThatSaysWhy() {
        for (String prefix : List.of("-ep", "ep 1", "ep/1", "e".repeat(64), "épée")) {
            ApiHarness.Response response = api.request("list-clients.json").query("id_prefix", prefix).send();

            assertThat(response.status()).as(prefix).isEqualTo(400);
            assertThat(api.parse(response.body())).as(prefix).containsEntry("error", "invalid_filter")
                    .containsEntry("field", "id_prefix")
                    .hasEntrySatisfying("message", m -> assertThat((String) m).contains("cannot begin an endpoint id"));
        }
    }

    @Test
    void aCursorOfAnIdPrefixIsRefusedWithoutItAndTakenWithIt() {
        String next = (String) api.parse(api.request("list-clients.json").query("id_prefix", "ep-1", "limit", "3")
                .send().body()).get("next");

        assertThat(api.request("list-clients.json").query("next", next).send().status()).isEqualTo(400);
        assertThat(endpoints(api.parse(api.request("list-clients.json").query("id_prefix", "ep-1", "limit", "3", "next", next)
                .send().body()))).extracting(e -> e.get("id")).containsExactly(id(103), id(104), id(105));
    }

    @Test
    void aSearchLongerThanTwoHundredCharactersIsA400() {
        ApiHarness.Response response = api.request("list-clients.json").query("search", "x".repeat(201)).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(api.parse(response.body())).containsEntry("error", "invalid_filter").containsEntry("field", "search");
    }

    /**
     * The largest page of the largest rows the registry accepts (32 labels of the longest names and values, a name
     * of 200 characters, a URL of 2,000, a failure with an error of the stored maximum) stays far below Lambda's
     * 6 MB; a typical page of the default size is a small fraction of it.
     */
    @Test
    void aPageIsBoundedEvenWhenEveryRowIsAsLargeAsTheRegistryAllows() {
        int typicalBytes = send("list-clients.json").body().getBytes(StandardCharsets.UTF_8).length;

        ApiHarness large = ApiHarness.start();
        try {
            large.clearFleet();
            List<Map<String, Object>> entries = new ArrayList<>();
            for (int i = 0; i < FleetController.MAX_LIMIT; i++) {
                Map<String, Object> labels = new LinkedHashMap<>();
                for (int l = 0; l < 32; l++) {
                    labels.put(String.format("%02d", l) + "k".repeat(61), "v".repeat(128));
                }
                String host = "large-" + i;
                entries.add(Seed.entry(String.format("large-%03d", i), "name", "n".repeat(200), "labels", labels,
                        "url", "https://" + host + ".example.com/" + "p".repeat(2_000 - host.length() - 22)));
            }
            large.registerAll(entries);
            Seed seed = new Seed(large);
            for (int i = 0; i < FleetController.MAX_LIMIT; i++) {
                seed.checked(String.format("large-%03d", i), failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER,
                        "e".repeat(1_000))), Duration.ofSeconds(10));
            }

            ApiHarness.Response response = large.request("list-clients.json")
                    .query("limit", String.valueOf(FleetController.MAX_LIMIT)).send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(endpoints(large.parse(response.body()))).hasSize(FleetController.MAX_LIMIT);
            int largestBytes = response.body().getBytes(StandardCharsets.UTF_8).length;
            System.out.printf("list page sizes: default page of typical rows %d bytes (%d per row); largest page of"
                            + " largest rows %d bytes (%d per row)%n", typicalBytes, typicalBytes / FleetController.DEFAULT_LIMIT,
                    largestBytes, largestBytes / FleetController.MAX_LIMIT);
            assertThat(largestBytes).isLessThan(3_500_000);
            assertThat(typicalBytes).isLessThan(200_000);
        } finally {
            large.close();
        }
    }

    private static List<Map<String, Object>> pageThrough(List<String> query) {
        List<Map<String, Object>> pages = new ArrayList<>();
        String next = null;
        do {
            assertThat(pages.size()).as("pages for %s", query).isLessThan(FLEET + 1);
            List<String> params = new ArrayList<>(query);
            if (next != null) {
                params.addAll(List.of("next", next));
            }
            ApiHarness.Response response = api.request("list-clients.json").query(params.toArray(String[]::new)).send();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            Map<String, Object> page = api.parse(response.body());
            pages.add(page);
            next = (String) page.get("next");
        } while (next != null);
        return pages;
    }

    private static ApiHarness.Response send(String fixture) {
        ApiHarness.Response response = api.request(fixture).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> endpoints(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("endpoints");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> body) {
        return (Map<String, Object>) body.get("summary");
    }
}
