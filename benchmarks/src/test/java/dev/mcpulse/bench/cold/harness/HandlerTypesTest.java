package dev.mcpulse.bench.cold.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerTypesTest {

    static final class Direct implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String input, Context context) {
            return 0;
        }
    }

    /** As Micronaut's MicronautRequestHandler: the types come through a generic superclass. */
    abstract static class Framework<I, O> implements RequestHandler<I, O> {
        @Override
        public O handleRequest(I input, Context context) {
            return null;
        }
    }

    abstract static class Middle<X> extends Framework<X, Map<String, Object>> {
    }

    static final class Deep extends Middle<Long> {
    }

    @SuppressWarnings("rawtypes")
    static final class Raw extends Framework {
    }

    @Test
    void typesDeclaredOnTheHandlerItself() {
        assertThat(HandlerTypes.of(Direct.class)).containsExactly(String.class, Integer.class);
    }

    @Test
    void typesBoundThroughGenericSuperclasses() {
        Type[] types = HandlerTypes.of(Deep.class);

        assertThat(types[0]).isEqualTo(Long.class);
        assertThat(types[1]).isInstanceOfSatisfying(ParameterizedType.class, map -> {
            assertThat(map.getRawType()).isEqualTo(Map.class);
            assertThat(map.getActualTypeArguments()).containsExactly(String.class, Object.class);
        });
    }

    @Test
    void unboundTypesAreObject() {
        assertThat(HandlerTypes.of(Raw.class)).containsExactly(Object.class, Object.class);
    }

    @Test
    void aClassThatIsNoHandlerIsRefused() {
        assertThatThrownBy(() -> HandlerTypes.of(String.class)).hasMessageContaining("does not implement");
    }
}
