package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The registry in DynamoDB: one item per endpoint in its fleet partition ({@code FLEET#<k>}, k from the id), so the
 * whole fleet is N paginated Queries merged in id order — never a scan, and no partition key holds the whole fleet.
 */
public final class DynamoDbEndpointRegistry implements EndpointRegistry {

    /** The version item's number attribute and its item type (infra/table/README.md). */
    private static final String VERSION_ATTRIBUTE = "version";
    private static final String VERSION_ITEM_TYPE = "registryVersion";

    private final DynamoDbClient client;
    private final String tableName;
    private final FleetPartitionReader fleet;
    private final BatchWriter batches;
    private final BatchReader reader;

    public DynamoDbEndpointRegistry(DynamoDbClient client, String tableName) {
        this(client, tableName, FleetPartitionReader.DYNAMODB_PAGES, BatchWriter.RetryPause.DEFAULT);
    }

    DynamoDbEndpointRegistry(DynamoDbClient client, String tableName, int pageSize, BatchWriter.RetryPause pause) {
        this.client = client;
        this.tableName = tableName;
        this.fleet = new FleetPartitionReader(client, tableName, pageSize);
        this.batches = new BatchWriter(client, tableName, pause);
        this.reader = new BatchReader(client, tableName, pause);
    }

    @Override
    public void put(Endpoint endpoint) {
        client.putItem(b -> b.tableName(tableName).item(EndpointItemMapper.toItem(endpoint)));
        moveVersionOn();
    }

    @Override
    public void putAll(List<Endpoint> endpoints) {
        batches.write(endpoints.stream()
                .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(EndpointItemMapper.toItem(e)).build()).build())
                .toList());
        moveVersionOn();
    }

    @Override
    public boolean delete(EndpointId id) {
        boolean removed = client.deleteItem(b -> b.tableName(tableName).key(TableKeys.endpoint(id))
                .returnValues(ReturnValue.ALL_OLD)).hasAttributes();
        moveVersionOn();
        return removed;
    }

    /** A strongly consistent read of the version item (one read unit); empty before the first write that moved it. */
    @Override
    public OptionalLong version() {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName).key(TableKeys.registryVersion())
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(new ItemReader(item).number(VERSION_ATTRIBUTE));
    }

    /**
     * After the entries are written, not before and not in one transaction with them: a reader that finds the version
     * unchanged may then hold an entry older than a write still between its two steps, but the caller takes the time of
     * that change only once this returns ({@code RegistryEditor}), so a probe of the old entry is older than the change
     * and its snapshot is refused as superseded, as a probe that read the entry a moment earlier would be. One write unit
     * per call (a fleet import's {@code putAll} moves it once).
     */
    private void moveVersionOn() {
        client.updateItem(b -> b.tableName(tableName).key(TableKeys.registryVersion())
                .updateExpression("ADD #v :one SET #t = :type")
                .expressionAttributeNames(Map.of("#v", VERSION_ATTRIBUTE, "#t", TableKeys.ITEM_TYPE))
                .expressionAttributeValues(Map.of(":one", TableKeys.n(1), ":type", TableKeys.s(VERSION_ITEM_TYPE))));
    }

    @Override
    public Optional<Endpoint> get(EndpointId id) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName).key(TableKeys.endpoint(id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(EndpointItemMapper.fromItem(item));
    }

    /** BatchGetItem, 100 keys a request. */
    @Override
    public Map<EndpointId, Endpoint> getAll(Collection<EndpointId> ids) {
        List<Map<String, AttributeValue>> keys = Set.copyOf(ids).stream().map(TableKeys::endpoint).toList();
        Map<EndpointId, Endpoint> found = new HashMap<>();
        for (Map<String, AttributeValue> item : reader.read(keys)) {
            Endpoint endpoint = EndpointItemMapper.fromItem(item);
            found.put(endpoint.id(), endpoint);
        }
        return found;
    }

    @Override
    public List<Endpoint> list() {
        return fleet.all(TableKeys.ENDPOINT_PREFIX).stream().map(EndpointItemMapper::fromItem).toList();
    }

    /**
     * A merge of the N partitions' Queries of the sort keys that start with the id prefix, each starting after
     * {@code after}'s key: reads about this page only, of the matching entries only.
     */
    @Override
    public List<Endpoint> page(String idPrefix, Optional<EndpointId> after, int limit) {
        return fleet.page(TableKeys.ENDPOINT_PREFIX, idPrefix, after.map(EndpointId::value), limit).stream()
                .map(EndpointItemMapper::fromItem).toList();
    }
}
