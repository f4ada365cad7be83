package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.bearerEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.fullEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.minimalEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EndpointRegistry} must do. One subclass per implementation. */
abstract class EndpointRegistryContract {

    private EndpointRegistry registry;

    /** A fresh, empty registry for each test. */
    protected abstract EndpointRegistry newRegistry();

    @BeforeEach
    void setUp() {
        registry = newRegistry();
    }

    @Test
    void anUnknownIdIsAbsent() {
        assertThat(registry.get(id("nobody"))).isEmpty();
        assertThat(registry.list()).isEmpty();
        assertThat(registry.delete(id("nobody"))).isFalse();
    }

    @Test
    void putThenGetGivesTheSameEndpointBackWithEveryField() {
        List<Endpoint> endpoints = List.of(minimalEndpoint("minimal"), fullEndpoint("full"), bearerEndpoint("bearer"));
        endpoints.forEach(registry::put);

        for (Endpoint endpoint : endpoints) {
            assertThat(registry.get(endpoint.id())).contains(endpoint);
        }
    }

    /**
     * The version the scheduler sends with a shard's entries: absent until a write, then moved on by every put, putAll
     * and delete, and left alone by reads, so a probe that finds it unchanged may skip reading its entries.
     */
    @Test
    void everyWriteMovesTheVersionOnAndNoReadDoes() {
        assertThat(registry.version()).as("before any write").isEmpty();
        List<Long> seen = new ArrayList<>();
        registry.put(minimalEndpoint("a"));
        seen.add(registry.version().orElseThrow());
        registry.putAll(List.of(minimalEndpoint("b"), fullEndpoint("c")));
        seen.add(registry.version().orElseThrow());
        registry.put(fullEndpoint("a"));
        seen.add(registry.version().orElseThrow());
        registry.delete(id("b"));
        seen.add(registry.version().orElseThrow());

        assertThat(seen).as("moved on by each write").doesNotHaveDuplicates().isSorted();

        registry.list();
        registry.get(id("a"));
        registry.getAll(List.of(id("a"), id("c")));
        registry.page(Optional.empty(), 10);
        assertThat(registry.version()).as("after reads only").hasValue(seen.getLast());
    }

    @Test
    void putReplacesTheEntryWithTheSameId() {
        registry.put(fullEndpoint("same"));
        Endpoint replacement = minimalEndpoint("same");

        registry.put(replacement);

        assertThat(registry.get(id("same"))).contains(replacement);
        assertThat(registry.list()).containsExactly(replacement);
    }

    @Test
    void deleteRemovesOnlyThatEntryAndSaysSo() {
        registry.put(minimalEndpoint("keep"));
        registry.put(minimalEndpoint("drop"));

        assertThat(registry.delete(id("drop"))).isTrue();
        assertThat(registry.delete(id("drop"))).isFalse();

        assertThat(registry.get(id("drop"))).isEmpty();
        assertThat(registry.list()).extracting(Endpoint::id).containsExactly(id("keep"));
    }

    @Test
    void aLargeFleetIsListedCompletelyInIdOrderAcrossPages() {
        List<Endpoint> fleet = new ArrayList<>(IntStream.range(0, 1_200)
                .mapToObj(i -> i % 3 == 0 ? fullEndpoint(String.format("ep-%04d", i)) : minimalEndpoint(String.format("ep-%04d", i)))
                .toList());
        Collections.shuffle(fleet, new Random(42));

        registry.putAll(fleet);

        List<Endpoint> listed = registry.list();
        assertThat(listed).hasSize(1_200);
        assertThat(listed).extracting(Endpoint::id).isSorted().doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(fleet);
    }

    @Test
    void getAllReturnsTheEntriesThatExistAcrossMoreThanOneBatch() {
        List<Endpoint> fleet = IntStream.range(0, 250)
                .mapToObj(i -> i % 4 == 0 ? fullEndpoint(String.format("ep-%04d", i)) : minimalEndpoint(String.format("ep-%04d", i)))
                .toList();
        registry.putAll(fleet);
        List<EndpointId> asked = new ArrayList<>(fleet.stream().skip(10).map(Endpoint::id).toList());
        asked.add(id("never-registered"));
        asked.add(fleet.get(20).id()); // asked twice

        var found = registry.getAll(asked);

        assertThat(found).hasSize(240).doesNotContainKey(id("never-registered")).doesNotContainKey(fleet.get(3).id());
        fleet.stream().skip(10).forEach(endpoint -> assertThat(found.get(endpoint.id())).isEqualTo(endpoint));
        assertThat(registry.getAll(List.of())).isEmpty();
    }

    @Test
    void idsThatShareAPrefixKeepTheirOwnEntriesAndOrder() {
        List<String> ids = List.of("a", "a-b", "a.b", "a0", "a_b", "ab", "b");
        ids.reversed().forEach(i -> registry.put(minimalEndpoint(i)));

        assertThat(registry.list()).extracting(e -> e.id().value()).containsExactlyElementsOf(ids);
        assertThat(registry.delete(id("a"))).isTrue();
        assertThat(registry.list()).extracting(Endpoint::id).doesNotContain(id("a")).hasSize(ids.size() - 1);
    }

    @Test
    void putAllReplacesExistingEntriesAndAddsNewOnes() {
        registry.put(minimalEndpoint("old"));
        Endpoint updated = fullEndpoint("old");

        registry.putAll(List.of(updated, minimalEndpoint("new")));

        assertThat(registry.list()).extracting(Endpoint::id).containsExactly(id("new"), id("old"));
        assertThat(registry.get(id("old"))).contains(updated);
    }

    @Test
    void putAllOfNothingIsFine() {
        registry.putAll(List.of());
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void pagingThroughTheFleetGivesEachEntryExactlyOnceInIdOrder() {
        List<Endpoint> fleet = new ArrayList<>(IntStream.range(0, 250)
                .mapToObj(i -> i % 5 == 0 ? fullEndpoint(String.format("ep-%04d", i)) : minimalEndpoint(String.format("ep-%04d", i)))
                .toList());
        Collections.shuffle(fleet, new Random(7));
        registry.putAll(fleet);

        List<Endpoint> paged = new ArrayList<>();
        Optional<EndpointId> after = Optional.empty();
        int pages = 0;
        while (true) {
            List<Endpoint> page = registry.page(after, 7);
            assertThat(page).hasSizeLessThanOrEqualTo(7);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            after = Optional.of(page.getLast().id());
            assertThat(++pages).isLessThanOrEqualTo(40);
        }

        assertThat(pages).isEqualTo(36); // 35 full pages and one of 5
        assertThat(paged).extracting(Endpoint::id).isSorted().doesNotHaveDuplicates();
        assertThat(paged).isEqualTo(registry.list());
    }

    @Test
    void aPageStartsAfterAnIdEvenWhenThatEntryIsGone() {
        List<String> ids = List.of("a", "a-b", "a.b", "a0", "a_b", "ab", "b");
        ids.forEach(i -> registry.put(minimalEndpoint(i)));
        registry.delete(id("a.b"));

        assertThat(registry.page(Optional.of(id("a")), 2)).extracting(e -> e.id().value()).containsExactly("a-b", "a0");
        assertThat(registry.page(Optional.of(id("a.b")), 2)).extracting(e -> e.id().value()).containsExactly("a0", "a_b");
        assertThat(registry.page(Optional.of(id("aa")), 10)).extracting(e -> e.id().value()).containsExactly("ab", "b");
        assertThat(registry.page(Optional.of(id("b")), 10)).isEmpty();
        assertThat(registry.page(Optional.empty(), 1)).extracting(e -> e.id().value()).containsExactly("a");
    }

    @Test
    void aPageOfAnIdPrefixHoldsItsEntriesOnlyInIdOrderAfterAnyId() {
        List.of("a", "pax", "pay", "pay-1", "pay-2", "pay.x", "payments", "pb", "zz").forEach(i -> registry.put(minimalEndpoint(i)));

        assertThat(registry.page("pay", Optional.empty(), 10)).extracting(e -> e.id().value())
                .containsExactly("pay", "pay-1", "pay-2", "pay.x", "payments");
        assertThat(registry.page("pay", Optional.empty(), 2)).extracting(e -> e.id().value()).containsExactly("pay", "pay-1");
        assertThat(registry.page("pay", Optional.of(id("pay-1")), 2)).extracting(e -> e.id().value())
                .containsExactly("pay-2", "pay.x");
        assertThat(registry.page("pay", Optional.of(id("pay-0")), 1)).as("after an id that is not stored")
                .extracting(e -> e.id().value()).containsExactly("pay-1");
        assertThat(registry.page("pay", Optional.of(id("pax")), 1)).as("after an id before the prefix's")
                .extracting(e -> e.id().value()).containsExactly("pay");
        assertThat(registry.page("pay", Optional.of(id("a")), 1)).extracting(e -> e.id().value()).containsExactly("pay");
        assertThat(registry.page("pay", Optional.of(id("payments")), 10)).isEmpty();
        assertThat(registry.page("pay", Optional.of(id("paz")), 10)).as("after an id past the prefix's").isEmpty();
        assertThat(registry.page("pay", Optional.of(id("zz")), 10)).isEmpty();
        assertThat(registry.page("payments", Optional.empty(), 10)).extracting(e -> e.id().value()).containsExactly("payments");
        assertThat(registry.page("q", Optional.empty(), 10)).isEmpty();
        assertThat(registry.page("", Optional.of(id("pb")), 10)).as("the empty prefix is every entry")
                .extracting(e -> e.id().value()).containsExactly("zz");
    }

    @Test
    void aPageOfAnEmptyRegistryIsEmptyAndALimitBelowOneIsRefused() {
        assertThat(registry.page(Optional.empty(), 100)).isEmpty();
        assertThatThrownBy(() -> registry.page(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
