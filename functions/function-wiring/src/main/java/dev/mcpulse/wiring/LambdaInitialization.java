package dev.mcpulse.wiring;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import java.util.Map;

/**
 * How a function's application context is built on Lambda: as Micronaut's own Lambda builder does (the
 * {@code function} and {@code lambda} environments, configuration read eagerly), except that every singleton is
 * built during initialization only when that is off the request path. Lambda names the kind of initialization in
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE}: a SnapStart snapshot ({@code snap-start}) or provisioned concurrency is
 * initialized before any request, so everything built then is free for the requests; an {@code on-demand} cold
 * start is on the request path, so it builds only what is used (the api's list route never needs the probe's HTTP
 * client, secrets or EventBridge client). Micronaut's builder cannot be told "not eager" once it is, hence our own.
 */
public final class LambdaInitialization {

    static final String TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String ON_DEMAND = "on-demand";

    private LambdaInitialization() {
    }

    /** For a handler's {@code newApplicationContextBuilder()}, given the process environment. */
    public static ApplicationContextBuilder contextBuilder(Map<String, String> environment) {
        ApplicationContextBuilder builder = ApplicationContext.builder()
                .environments("function", "lambda")
                .eagerInitConfiguration(true);
        return eagerSingletons(environment) ? builder.eagerInitSingletons(true) : builder;
    }

    /** Eager unless Lambda says this initialization is on-demand (absent, as in tests: Micronaut's Lambda default). */
    static boolean eagerSingletons(Map<String, String> environment) {
        return !ON_DEMAND.equals(environment.get(TYPE_VARIABLE));
    }
}
