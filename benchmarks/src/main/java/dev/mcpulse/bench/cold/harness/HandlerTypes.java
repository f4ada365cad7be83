package dev.mcpulse.bench.cold.harness;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input and output types of a {@link RequestHandler}, resolved through generic superclasses and interfaces —
 * what the Lambda runtime does to know what to deserialize an event into ({@code SchedulerHandler extends
 * MicronautRequestHandler<ScheduledEvent, CycleSummary>}, which implements {@code RequestHandler<I, O>}).
 */
public final class HandlerTypes {

    private HandlerTypes() {
    }

    /** {@code [input, output]}; a type variable left unbound resolves to {@code Object}. */
    public static Type[] of(Class<?> handler) {
        Type[] found = resolve(handler, Map.of());
        if (found == null) {
            throw new IllegalArgumentException(handler.getName() + " does not implement " + RequestHandler.class.getName());
        }
        return found;
    }

    /** Walks up from {@code type}; {@code bindings} maps the type variables of {@code type} to what they stand for. */
    private static Type[] resolve(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        List<Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
        if (type.getGenericSuperclass() != null) {
            supertypes.add(type.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            Class<?> raw = raw(supertype);
            Map<TypeVariable<?>, Type> next = new HashMap<>();
            if (supertype instanceof ParameterizedType parameterized) {
                TypeVariable<?>[] variables = raw.getTypeParameters();
                Type[] arguments = parameterized.getActualTypeArguments();
                for (int i = 0; i < variables.length; i++) {
                    Type argument = arguments[i];
                    next.put(variables[i], argument instanceof TypeVariable<?> v ? bindings.getOrDefault(v, Object.class) : argument);
                }
            }
            if (raw == RequestHandler.class) {
                return Arrays.stream(raw.getTypeParameters()).map(v -> next.getOrDefault(v, Object.class)).toArray(Type[]::new);
            }
            Type[] found = resolve(raw, next);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            default -> Object.class;
        };
    }
}
