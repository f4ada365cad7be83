package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.minimalEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One cycle's writes and reads spread over the fleet partitions, counted per partition key by
 * {@link PartitionKeyTraffic} on the real SDK client talking to DynamoDB Local over HTTP on 127.0.0.1.
 */
class PartitionSpreadIT {

    private static final int FLEET = 2_000;
    private static final int N = TableKeys.FLEET_PARTITIONS;

    private static LoopbackDynamoDbLocal dynamoDb;
    private static final PartitionKeyTraffic TRAFFIC = new PartitionKeyTraffic();
    private static DynamoDbClient client;
    private String table;

    @BeforeAll
    static void start() throws Exception {
        dynamoDb = new LoopbackDynamoDbLocal();
        client = dynamoDb.client(TRAFFIC);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void newTable() {
        table = "spread-" + UUID.randomUUID();
        TestTables.create(client, table);
        TRAFFIC.reset();
    }

    /** Ids shaped like a real fleet's: team and service names with a number, not one hash-friendly pattern. */
    private static List<EndpointId> fleetIds() {
        String[] teams = {"payments", "search", "infra", "data", "support", "mobile", "ml"};
        return IntStream.range(0, FLEET).mapToObj(i -> id(teams[i % teams.length] + "-mcp-" + i)).toList();
    }

    @Test
    void noPartitionKeyTakesMoreThanItsShareOfACyclesSnapshotWrites() {
        DynamoDbSnapshotStore store = new DynamoDbSnapshotStore(client, table, Duration.ofDays(7));
        Instant checkedAt = Instant.now();

        for (EndpointId id : fleetIds()) {
            assertThat(store.putIfNewer(okSnapshot(id, checkedAt), Optional.empty())).isEqualTo(PutResult.WRITTEN);
        }

        PartitionKeyTraffic.Share hottest = TRAFFIC.hottestWrites().orElseThrow();
        assertThat(hottest.total()).isEqualTo(FLEET);
        assertThat(TRAFFIC.writesByKey()).hasSize(N).allSatisfy((key, count) -> assertThat(key).startsWith("FLEET#"));
        // Each key's count is Binomial(2,000, 1/16): mean 125, standard deviation sqrt(2,000 x 1/16 x 15/16) = 10.8.
        // The hottest of 16 keys exceeds the mean by 4 standard deviations with a probability of about 16 x 3e-5, so
        // 1/N + 4 sd / 2,000 (= 0.0625 + 0.0217) holds for any fair spread of ids and fails for any real skew.
        double sd = Math.sqrt(FLEET * (1.0 / N) * (1 - 1.0 / N));
        double margin = 4 * sd / FLEET;
        System.out.printf("hottest key %s: %d of %d writes (%.4f; 1/N = %.4f, bound %.4f)%n", hottest.partitionKey(),
                hottest.count(), hottest.total(), hottest.fraction(), 1.0 / N, 1.0 / N + margin);
        assertThat(hottest.fraction()).isLessThanOrEqualTo(1.0 / N + margin);
    }

    @Test
    void aPageReadsAboutItsOwnItemsFromEveryPartitionNotNTimesThem() {
        DynamoDbEndpointRegistry registry = new DynamoDbEndpointRegistry(client, table);
        List<Endpoint> fleet = fleetIds().stream().map(i -> minimalEndpoint(i.value())).toList();
        registry.putAll(fleet);
        assertThat(TRAFFIC.hottestWrites().orElseThrow().total())
                .as("each item of a BatchWriteItem counts, and the registry's version once an import").isEqualTo(FLEET + 1);
        List<Endpoint> inIdOrder = fleet.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();

        TRAFFIC.reset();
        List<Endpoint> page = registry.page(Optional.of(inIdOrder.get(499).id()), 100);

        assertThat(page).isEqualTo(inIdOrder.subList(500, 600));
        long itemsRead = TRAFFIC.readsByKey().values().stream().mapToLong(Long::longValue).sum();
        // Every partition reads one chunk of its expected share plus two standard deviations (12 for a page of
        // 100), and a partition that runs out reads one more: far below the 1,600 of N full pages.
        System.out.printf("a page of 100 read %d items over %d partitions%n", itemsRead, TRAFFIC.readsByKey().size());
        assertThat(itemsRead).isLessThanOrEqualTo(N * FleetPartitionReader.chunkFor(100) + 2L * FleetPartitionReader.chunkFor(100));
        assertThat(TRAFFIC.hottestReads().orElseThrow().count()).isLessThanOrEqualTo(2L * FleetPartitionReader.chunkFor(100));

        // An id prefix reads the entries it matches and no others, wherever they are in the fleet.
        TRAFFIC.reset();
        List<Endpoint> matching = inIdOrder.stream().filter(e -> e.id().value().startsWith("ml-mcp-12")).toList();
        assertThat(registry.page("ml-mcp-12", Optional.empty(), 100)).isEqualTo(matching);
        assertThat(TRAFFIC.readsByKey().values().stream().mapToLong(Long::longValue).sum())
                .as("items read for the id prefix").isEqualTo(matching.size());

        TRAFFIC.reset();
        assertThat(registry.list()).isEqualTo(inIdOrder);
        assertThat(TRAFFIC.readsByKey()).hasSize(N);
        assertThat(TRAFFIC.hottestReads().orElseThrow().fraction()).isLessThan(2.0 / N);
    }
}
