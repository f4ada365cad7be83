package dev.mcpulse.eventbridge;

import dev.mcpulse.aws.AwsFailures;
import dev.mcpulse.domain.health.StatusChange;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.StatusChangePublisher;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Publishes {@code source: mcpulse}, {@code detail-type: Endpoint Status Changed} events so operators can route
 * alerts (to SNS, chat, a pager). Every function that changes a status publishes through it: the probe function
 * after a scheduled check, the api function after "check now". A failed publish is logged as an error but does not fail the shard: the
 * snapshots are stored, and re-running the probes would not bring the event back.
 */
@Singleton
@Requires(property = EventBridgeStatusChangePublisher.BUS_PROPERTY)
public final class EventBridgeStatusChangePublisher implements StatusChangePublisher {

    /** {@code MCPULSE_EVENT_BUS_NAME}. */
    public static final String BUS_PROPERTY = "mcpulse.event.bus.name";
    public static final String SOURCE = "mcpulse";
    public static final String DETAIL_TYPE = "Endpoint Status Changed";
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeStatusChangePublisher.class);

    private final EventBridgeClient events;
    private final JsonMapper json;
    private final String busName;

    public EventBridgeStatusChangePublisher(EventBridgeClient events, JsonMapper json,
                                            @Value("${" + BUS_PROPERTY + "}") String busName) {
        this.events = events;
        this.json = json;
        this.busName = busName;
    }

    /** The event's detail. */
    @Serdeable
    record Detail(String id, String from, String to, String reason, String checkedAt) {
        static Detail of(StatusChange change) {
            return new Detail(change.endpointId().value(), change.from().status().code(), change.to().status().code(),
                    change.to().reason().code(), change.checkedAt().toString());
        }
    }

    @Override
    public void publish(StatusChange change) {
        try {
            String detail = json.writeValueAsString(Detail.of(change));
            PutEventsResponse response = events.putEvents(request -> request.entries(PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(SOURCE)
                    .detailType(DETAIL_TYPE)
                    .detail(detail)
                    .build()));
            if (response.failedEntryCount() > 0) {
                LOG.atError().addKeyValue("endpointId", change.endpointId().value())
                        .addKeyValue("errorCode", response.entries().getFirst().errorCode())
                        .log("status change event was refused by EventBridge");
            }
        } catch (IOException | RuntimeException e) {
            LOG.atError().addKeyValue("endpointId", change.endpointId().value())
                    .log("status change event could not be published: {}", e instanceof SdkException
                            ? AwsFailures.describe("EventBridge", "PutEvents", e) : FailureDescription.of(e));
        }
    }
}
