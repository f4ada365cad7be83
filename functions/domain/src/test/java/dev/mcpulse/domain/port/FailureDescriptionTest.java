package dev.mcpulse.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.Scheduler;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureDescriptionTest {

    static final String FOREIGN = "Authorization: Bearer canary-7d1f";

    @Test
    void anInfrastructureFailureIsItsDescriptionAndItsForeignCauseIsNotRepeated() {
        var failure = new InfrastructureFailure("Lambda Invoke: TooManyRequestsException, HTTP 429, request id R-1",
                new IllegalStateException(FOREIGN));

        assertThat(FailureDescription.of(failure))
                .isEqualTo("Lambda Invoke: TooManyRequestsException, HTTP 429, request id R-1");
    }

    @Test
    void mcpulsesOwnFailuresAreFollowedByTheirCauseAndAForeignExceptionIsOnlyItsClass() {
        var dispatch = new Scheduler.DispatchFailure(1, 3,
                new InfrastructureFailure("Lambda Invoke: ServiceException, HTTP 500, request id R-2"));
        var storage = new EndpointChecker.StorageFailure("1 of 2 snapshots could not be stored",
                new UncheckedIOException(FOREIGN, new java.io.IOException(FOREIGN)));

        assertThat(FailureDescription.of(dispatch))
                .isEqualTo("1 of 3 shards could not be dispatched: Lambda Invoke: ServiceException, HTTP 500, request id R-2");
        assertThat(FailureDescription.of(storage))
                .isEqualTo("1 of 2 snapshots could not be stored: UncheckedIOException");
        assertThat(FailureDescription.of(new IllegalArgumentException(FOREIGN))).isEqualTo("IllegalArgumentException");
    }
}
