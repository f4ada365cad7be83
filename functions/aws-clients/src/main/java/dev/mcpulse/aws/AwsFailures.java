package dev.mcpulse.aws;

import dev.mcpulse.domain.port.InfrastructureFailure;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Describes an AWS call that still failed after the client's retries, from structured parts only, for example
 * "DynamoDB PutItem: ProvisionedThroughputExceededException, HTTP 400, request id 7Q2N…" or "DynamoDB GetItem: no
 * answer (ConnectException)": the error code, HTTP status and request id an operator needs to look the fault up, and
 * never the SDK exception's message (it can quote the request). The AWS adapters throw it as an
 * {@link InfrastructureFailure} with the SDK exception as its cause. Every AWS adapter uses it (DynamoDB, the SQS
 * dispatcher, the EventBridge publisher).
 */
public final class AwsFailures {

    /** Codes and request ids are short tokens; anything else in their place is not repeated. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:#/+=-]{1,128}");

    private AwsFailures() {
    }

    /** The failure as the domain sees it: described, with the SDK exception as its cause. */
    public static InfrastructureFailure translate(String service, String operation, Throwable failure) {
        return new InfrastructureFailure(describe(service, operation, failure), failure);
    }

    /**
     * The client with every call that fails with an SDK exception thrown as an {@link InfrastructureFailure}, but for
     * the failures that are answers the adapter acts upon ({@code isAnswer}: DynamoDB's refused condition check).
     * Paginators are built on the wrapped client, so their pages are translated too.
     */
    public static <C> C describingFailures(Class<C> type, C client, String service, Predicate<Throwable> isAnswer) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault() && method.getName().endsWith("Paginator")) {
                return InvocationHandler.invokeDefault(proxy, method, args); // pages are fetched through the proxy
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (failure instanceof SdkException && !isAnswer.test(failure)) {
                    throw translate(service, operationName(method), failure);
                }
                throw failure;
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** {@code putItem} is the API's PutItem. */
    private static String operationName(Method method) {
        return Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
    }

    /** The description of one failed call, from the exception's structure alone. */
    public static String describe(String service, String operation, Throwable failure) {
        String call = service + " " + operation + ": ";
        if (failure instanceof AwsServiceException answered) {
            String code = answered.awsErrorDetails() == null ? null : answered.awsErrorDetails().errorCode();
            StringBuilder text = new StringBuilder(call)
                    .append(safe(code).orElse(answered.getClass().getSimpleName()))
                    .append(", HTTP ").append(answered.statusCode());
            safe(answered.requestId()).ifPresent(id -> text.append(", request id ").append(id));
            return text.toString();
        }
        if (failure instanceof SdkClientException) {
            return call + "no answer (" + rootCause(failure).getClass().getSimpleName() + ")";
        }
        return call + failure.getClass().getSimpleName();
    }

    private static Optional<String> safe(String token) {
        return Optional.ofNullable(token).filter(t -> TOKEN.matcher(t).matches());
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 8; depth++) {
            root = root.getCause();
        }
        return root;
    }
}
