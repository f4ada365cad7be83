package dev.mcpulse.bench.cold.harness;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What the Lambda java21 runtime does for a function's first event, in a fresh JVM: load the handler class named
 * in the template and construct it (the init phase), deserialize the event into the handler's input type with the
 * runtime's own serializer, call {@code handleRequest} with a {@code Context}, serialize the result. Then it prints
 * {@code HANDLED <result JSON>} — the benchmark times JVM start to that line — and, after that, the CPU time the
 * process had used by then ({@code CPU <ms>}) and, when asked, the number of classes the JVM loaded
 * ({@code CLASSES <n>}), and halts as a frozen Lambda sandbox would: no shutdown work. The function's classes come
 * from its task root, the deployment package extracted as Lambda extracts it, through a {@link TaskClassLoader}.
 *
 * <pre>{@code java <runtime flags> -cp <runtime jars>:<harness> \
 *     dev.mcpulse.bench.cold.harness.LambdaHarness <handler class> <event file> <timeout seconds> <task root>}</pre>
 */
public final class LambdaHarness {

    public static final String HANDLED = "HANDLED ";
    public static final String CLASSES = "CLASSES ";
    public static final String CPU = "CPU ";
    public static final String FAILED = "FAILED ";
    /** {@code PRIMED <ms> <cpu ms>}: the first event's own time and CPU, from the end of the priming to HANDLED. */
    public static final String PRIMED = "PRIMED ";
    /**
     * {@code -Dmcpulse.harness.primed=true}: after the handler is constructed, run the SnapStart hook the function
     * registered (its {@code beforeCheckpoint}, then {@code afterRestore}, as Lambda would around the snapshot), and
     * time the first event from there, in the same JVM. A handler that registered no hook (the plain baselines) is
     * timed from its construction.
     */
    public static final String PRIMED_PROPERTY = "mcpulse.harness.primed";
    /** The bean that holds mcpulse's registered hook (function-wiring), found in the handler's application context. */
    static final String HOOKS_CLASS = "dev.mcpulse.wiring.snapstart.SnapStartHooks";
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
            ClassLoader taskLoader = TaskClassLoader.over(Path.of(args[3]), ClassLoader.getSystemClassLoader());
            Thread.currentThread().setContextClassLoader(taskLoader); // as the runtime sets it
            Class<?> handlerClass = Class.forName(args[0], true, taskLoader);
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> handler =
                    (RequestHandler<Object, Object>) handlerClass.getDeclaredConstructor().newInstance();
            long restored = 0;
            long cpuAtRestore = 0;
            if (Boolean.getBoolean(PRIMED_PROPERTY)) {
                prime(handler);
                restored = System.nanoTime();
                cpuAtRestore = cpuMillis();
            }
            Type[] types = HandlerTypes.of(handlerClass);
            Object input;
            try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
                input = serializerFor(types[0], taskLoader).fromJson(event);
            }
            Object output = handler.handleRequest(input, new HarnessContext(UUID.randomUUID().toString(), deadline));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializerFor(types[1], taskLoader).toJson(output, json);
            System.out.println(HANDLED + json.toString(StandardCharsets.UTF_8));
            System.out.flush();
            // All threads' CPU so far (the JIT compiler's and the GC's too): steadier than wall time on a busy machine.
            long cpu = cpuMillis();
            System.out.println(CPU + cpu);
            if (Boolean.getBoolean(PRIMED_PROPERTY)) {
                System.out.println(PRIMED + (System.nanoTime() - restored) / 1_000_000 + " " + (cpu - cpuAtRestore));
            }
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

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /**
     * Runs the SnapStart hook mcpulse's handler registered, found by reflection (the harness is built without the
     * functions): the handler's application context, its {@value #HOOKS_CLASS} bean, that bean's CRaC resource. A
     * JDK without CRaC cannot take the snapshot, so the hook is called directly, as the tests call it.
     */
    static void prime(Object handler) throws ReflectiveOperationException {
        Method contextOf;
        try {
            contextOf = handler.getClass().getMethod("getApplicationContext");
        } catch (NoSuchMethodException e) {
            return; // a plain handler: no context, no hook
        }
        ClassLoader loader = handler.getClass().getClassLoader();
        Object context = contextOf.invoke(handler);
        Class<?> hooks = Class.forName(HOOKS_CLASS, true, loader);
        Optional<?> bean = (Optional<?>) Class.forName("io.micronaut.context.BeanLocator", true, loader)
                .getMethod("findBean", Class.class).invoke(context, hooks);
        Object resource = hooks.getMethod("priming").invoke(bean.orElseThrow(() ->
                new IllegalStateException("the handler registered no SnapStart hook (is AWS_LAMBDA_INITIALIZATION_TYPE snap-start?)")));
        Class<?> cracContext = Class.forName("org.crac.Context", true, loader);
        resource.getClass().getMethod("beforeCheckpoint", cracContext).invoke(resource, (Object) null);
        resource.getClass().getMethod("afterRestore", cracContext).invoke(resource, (Object) null);
    }

    /** As the runtime chooses: its event serializers for the aws-lambda-java-events types, Jackson for the rest. */
    @SuppressWarnings("unchecked")
    static PojoSerializer<Object> serializerFor(Type type, ClassLoader taskLoader) {
        if (type instanceof Class<?> event && LambdaEventSerializers.isLambdaSupportedEvent(event.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(event, taskLoader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
