package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Every error the API returns: a stable machine code, a sentence for a human, the field at fault when there is one,
 * and every problem found (a rejected fleet file lists all of them). Never built from an exception's own message.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, @Nullable String field, List<Problem> errors) {

    public ApiError {
        errors = List.copyOf(errors);
    }

    /** One problem; {@code entry} (1-based) and {@code id} only for fleet files. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String field, String message, @Nullable Integer entry, @Nullable String id) {

        public static Problem of(String field, String message) {
            return new Problem(field, message, null, null);
        }
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null, List.of());
    }

    public static ApiError of(String error, String field, String message) {
        return new ApiError(error, message, field, List.of(Problem.of(field, message)));
    }
}
