package dev.mcpulse.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.wiring.snapstart.SnapStartHooks;
import dev.mcpulse.wiring.snapstart.SnapStartPriming;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's SnapStart priming, called as Lambda calls it, on DynamoDB Local (embedded): the DynamoDB GetItem and
 * the serde of the shard message and the cycle summary both succeed (no WARN). The queue is never called.
 */
class SchedulerPrimingsIT {

    @Test
    void underSnapStartTheHookPrimesDynamoDbAndTheSerde() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(SnapStartPriming.class);
        logs.start();
        logger.addAppender(logs);
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory();
             ApplicationContext context = ApplicationContext.builder()
                     .properties(Map.of(
                             "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                             "mcpulse.probe.queue.url", "https://sqs.us-east-1.amazonaws.com/000000000000/mcpulse-probe",
                             SnapStartHooks.INITIALIZATION_TYPE, SnapStartHooks.SNAP_START))
                     .singletons(dynamoDb.client())
                     .start()) {
            context.getBean(SnapStartHooks.class).priming().beforeCheckpoint(null);
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.INFO)
                .extracting(event -> event.getKeyValuePairs().getFirst().value)
                .containsExactly("dynamodb", "serde");
        assertThat(logs.list).noneMatch(event -> event.getLevel() == Level.WARN);
    }
}
