package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaInitializationTest {

    /** A singleton nobody asks for, counting how often it is built. */
    @Singleton
    static class Unused {
        static final AtomicInteger BUILT = new AtomicInteger();

        Unused() {
            BUILT.incrementAndGet();
        }
    }

    @BeforeEach
    void reset() {
        Unused.BUILT.set(0);
    }

    @Test
    void anOnDemandColdStartBuildsASingletonOnlyWhenItIsUsed() {
        try (ApplicationContext context = LambdaInitialization.contextBuilder(
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")).start()) {
            assertThat(Unused.BUILT).hasValue(0);
            context.getBean(Unused.class);
            assertThat(Unused.BUILT).hasValue(1);
            assertThat(context.getEnvironment().getActiveNames()).contains("function", "lambda");
        }
    }

    @Test
    void aSnapshotOrProvisionedConcurrencyBuildsEverySingletonOffTheRequestPath() {
        for (String type : new String[] {"snap-start", "provisioned-concurrency"}) {
            reset();
            try (ApplicationContext context = LambdaInitialization.contextBuilder(
                    Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", type)).start()) {
                assertThat(Unused.BUILT).as(type).hasValue(1);
            }
        }
    }

    @Test
    void outsideLambdaMicronautsLambdaDefaultStays() {
        assertThat(LambdaInitialization.eagerSingletons(Map.of())).isTrue();
    }
}
