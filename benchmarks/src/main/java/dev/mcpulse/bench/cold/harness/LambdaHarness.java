package dev.mcpulse.bench.cold.harness;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * What the Lambda java21 runtime does for a function's first event, in a fresh JVM: load the handler class named
 * in the template and construct it (the init phase), deserialize the event into the handler's input type with the
 * runtime's own serializer, call {@code handleRequest} with a {@code Context}, serialize the result. Then it prints
 * {@code HANDLED <result JSON>} — the benchmark times JVM start to that line — and, after that, the CPU time the
 * process had used by then ({@code CPU <ms>}) and, when asked, the number of classes the JVM loaded
 * ({@code CLASSES <n>}), and halts as a frozen Lambda sandbox would: no shutdown work.
 *
 * <pre>{@code java <runtime flags> -cp <runtime jars>:<harness>:<function jar> \
 *     dev.mcpulse.bench.cold.harness.LambdaHarness <handler class> <event file> <timeout seconds>}</pre>
 */
public final class LambdaHarness {

    public static final String HANDLED = "HANDLED ";
    public static final String CLASSES = "CLASSES ";
    public static final String CPU = "CPU ";
    public static final String FAILED = "FAILED ";
    /** {@code -Dmcpulse.harness.classes=true}: print {@code CLASSES <n>} (java.management costs some CPU). */
    public static final String CLASSES_PROPERTY = "mcpulse.harness.classes";
    /** {@code -Dmcpulse.harness.exit=true}: exit normally instead of halting (for profiling runs). */
    public static final String EXIT_PROPERTY = "mcpulse.harness.exit";

    private LambdaHarness() {
    }

    public static void main(String[] args) throws Exception {
        long deadline = System.currentTimeMillis() + Long.parseLong(args[2]) * 1000;
        int exitCode = 0;
        try {
            Class<?> handlerClass = Class.forName(args[0]);
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> handler =
                    (RequestHandler<Object, Object>) handlerClass.getDeclaredConstructor().newInstance();
            Type[] types = HandlerTypes.of(handlerClass);
            Object input;
            try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
                input = serializerFor(types[0]).fromJson(event);
            }
            Object output = handler.handleRequest(input, new HarnessContext(UUID.randomUUID().toString(), deadline));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializerFor(types[1]).toJson(output, json);
            System.out.println(HANDLED + json.toString(StandardCharsets.UTF_8));
            System.out.flush();
            // All threads' CPU so far (the JIT compiler's and the GC's too): steadier than wall time on a busy machine.
            System.out.println(CPU + ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L));
        } catch (Throwable e) {
            // The class and message only: the benchmark reports it, and the details are in the function's log.
            System.out.println(FAILED + e.getClass().getName() + ": " + e.getMessage());
            e.printStackTrace();
            exitCode = 1;
        }
        if (Boolean.getBoolean(CLASSES_PROPERTY)) {
            System.out.println(CLASSES + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        }
        System.out.flush();
        if (Boolean.getBoolean(EXIT_PROPERTY)) {
            System.exit(exitCode); // runs the shutdown hooks: a JFR recording is written by one
        }
        Runtime.getRuntime().halt(exitCode);
    }

    /** As the runtime chooses: its event serializers for the aws-lambda-java-events types, Jackson for the rest. */
    @SuppressWarnings("unchecked")
    static PojoSerializer<Object> serializerFor(Type type) {
        if (type instanceof Class<?> event && LambdaEventSerializers.isLambdaSupportedEvent(event.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(event, LambdaHarness.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
