package dev.mcpulse.wiring.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The hook runs every priming in order; one that fails is logged as a WARN that names it and says what failed without
 * quoting a foreign message (which could hold a secret), and neither stops the others nor escapes the hook. The hook
 * is registered only when Lambda's environment says SnapStart.
 */
class SnapStartPrimingTest {

    private static final String CANARY = "canary-secret-7f3a";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SnapStartPriming.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void aFailedPrimingIsLoggedWithoutItsMessageAndTheOthersStillRun() {
        List<String> ran = new CopyOnWriteArrayList<>();
        SnapStartPriming hook = new SnapStartPriming(List.of(
                Priming.of("first", () -> ran.add("first")),
                Priming.of("broken", () -> {
                    throw new IOException("connect to https://user:" + CANARY + "@example.com failed");
                }),
                Priming.of("linkage", () -> {
                    throw new NoClassDefFoundError("some/Missing");
                }),
                Priming.of("last", () -> ran.add("last"))));

        assertThatCode(() -> hook.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThatCode(() -> hook.afterRestore(null)).doesNotThrowAnyException();

        assertThat(ran).containsExactly("first", "last");
        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "priming failed; the snapshot is taken without it: IOException",
                "priming failed; the snapshot is taken without it: NoClassDefFoundError");
        assertThat(warnings).allSatisfy(e -> assertThat(e.getKeyValuePairs()).hasSize(1));
        assertThat(warnings.get(0).getKeyValuePairs().getFirst().value).isEqualTo("broken");
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(CANARY));
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.INFO)
                .extracting(e -> e.getKeyValuePairs().getFirst().value).containsExactly("first", "last");
    }

    @Test
    void theHookIsRegisteredWhenLambdasEnvironmentSaysSnapStartAndOnlyThen() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Priming priming = Priming.of("counted", () -> ran.add("counted"));
        try (ApplicationContext snapStart = context(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), priming);
             ApplicationContext onDemand = context(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"), priming);
             ApplicationContext elsewhere = context(Map.of(), priming)) {
            assertThat(onDemand.findBean(SnapStartHooks.class)).isEmpty();
            assertThat(elsewhere.findBean(SnapStartHooks.class)).isEmpty();

            SnapStartPriming hook = snapStart.getBean(SnapStartHooks.class).priming();
            hook.beforeCheckpoint(null);
            assertThat(ran).containsExactly("counted");
        }
    }

    /** A context whose environment variables are {@code variables}, read as Micronaut reads the process's own. */
    private static ApplicationContext context(Map<String, Object> variables, Priming priming) {
        return ApplicationContext.builder()
                .environmentPropertySource(false)
                .propertySources(PropertySource.of("env", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .singletons(priming)
                .start();
    }
}
