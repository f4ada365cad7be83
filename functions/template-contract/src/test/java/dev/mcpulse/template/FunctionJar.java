package dev.mcpulse.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/** What a built function jar contains and uses: its classes, the mcpulse properties it reads, the AWS calls it makes. */
record FunctionJar(Set<String> classes, Set<String> properties, Set<String> awsActions) {

    private static final Pattern PROPERTY = Pattern.compile("mcpulse(\\.[a-z0-9-]+)+");
    /** SDK client interfaces: software/amazon/awssdk/services/<service>/<Name>Client. */
    private static final Pattern SDK_CLIENT = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/[A-Za-z0-9]+Client");
    private static final Set<String> NOT_OPERATIONS = Set.of(
            "close", "serviceName", "builder", "create", "utilities", "waiter", "serviceClientConfiguration", "<init>");

    static FunctionJar read(Path jar) {
        Set<String> classes = new TreeSet<>();
        Set<String> properties = new TreeSet<>();
        Set<String> actions = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                    continue;
                }
                classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                // The SDK's own classes reference every operation of their service; only callers count.
                if (name.startsWith("software/amazon/awssdk/")) {
                    continue;
                }
                ClassConstants constants = ClassConstants.read(file.getInputStream(entry).readAllBytes());
                if (name.startsWith("dev/mcpulse/")) {
                    constants.strings().stream().filter(s -> PROPERTY.matcher(s).matches()).forEach(properties::add);
                }
                for (ClassConstants.MethodRef ref : constants.methodRefs()) {
                    var client = SDK_CLIENT.matcher(ref.owner());
                    if (client.matches() && !NOT_OPERATIONS.contains(ref.name())) {
                        actions.add(action(client.group(1), ref.name()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return new FunctionJar(classes, properties, actions);
    }

    /** The IAM action an SDK method needs: {@code dynamodb/putItem} is {@code dynamodb:PutItem}. */
    static String action(String service, String method) {
        String operation = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
        String prefix = switch (service) {
            case "eventbridge" -> "events";
            default -> service;
        };
        if (service.equals("lambda") && operation.equals("invoke")) {
            return "lambda:InvokeFunction";
        }
        if (service.equals("sqs") && operation.equals("sendMessageBatch")) {
            return "sqs:SendMessage"; // IAM has no action of its own for the batch
        }
        return prefix + ":" + operation.substring(0, 1).toUpperCase(Locale.ROOT) + operation.substring(1);
    }

    /** Micronaut reads {@code mcpulse.probe.queue.url} from {@code MCPULSE_PROBE_QUEUE_URL}. */
    static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
