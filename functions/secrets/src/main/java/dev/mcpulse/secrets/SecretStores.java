package dev.mcpulse.secrets;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.SecretShapes;
import dev.mcpulse.domain.port.SecretResolver;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret resolver on AWS: a reference goes to Parameter Store when it names a parameter
 * ({@link SecretShapes#isParameterStoreReference}), to Secrets Manager otherwise. Parameter Store's resolver (and
 * its client) is built when a fleet first names a parameter: a container whose fleet names none loads none of it,
 * which its cold start would pay for.
 */
public final class SecretStores implements SecretResolver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecretStores.class);

    private final CachingSecretResolver secretsManager;
    private final Supplier<? extends CachingSecretResolver> parameterStoreFactory;
    private volatile CachingSecretResolver parameterStore;

    /** {@code parameterStore} is called once at most, when a reference first names a parameter. */
    public SecretStores(CachingSecretResolver secretsManager, Supplier<? extends CachingSecretResolver> parameterStore) {
        this.secretsManager = secretsManager;
        this.parameterStoreFactory = parameterStore;
    }

    @Override
    public SecretLookup resolve(SecretRef ref) {
        return storeOf(ref).resolve(ref);
    }

    @Override
    public SecretLookup resolveFresh(SecretRef ref) {
        return storeOf(ref).resolveFresh(ref);
    }

    /** Each store reads its own references ahead, in its own calls. */
    @Override
    public void prefetch(Collection<SecretRef> refs) {
        Map<Boolean, List<SecretRef>> byStore = refs.stream()
                .collect(Collectors.partitioningBy(ref -> SecretShapes.isParameterStoreReference(ref.secretId())));
        if (!byStore.get(false).isEmpty()) {
            secretsManager.prefetch(byStore.get(false));
        }
        if (!byStore.get(true).isEmpty()) {
            parameterStore().prefetch(byStore.get(true));
        }
    }

    @Override
    public void close() {
        secretsManager.close();
        if (parameterStore != null) {
            parameterStore.close();
        }
    }

    private SecretResolver storeOf(SecretRef ref) {
        return SecretShapes.isParameterStoreReference(ref.secretId()) ? parameterStore() : secretsManager;
    }

    /**
     * Parameter Store's resolver, built on first use. Its client is built then, not when the function starts, so a
     * failure to build it (no region, say) cannot fail the start: it is each lookup's answer instead, as an outage
     * is, and the next lookup tries again. No exception leaves a lookup.
     */
    private SecretResolver parameterStore() {
        CachingSecretResolver built = parameterStore;
        if (built == null) {
            synchronized (this) {
                if (parameterStore == null) {
                    try {
                        parameterStore = parameterStoreFactory.get();
                    } catch (RuntimeException e) {
                        String why = SecretStoreErrors.answer(e);
                        LOG.atError().log("the Parameter Store client could not be built: {}", why);
                        return unreachable(why);
                    }
                }
                built = parameterStore;
            }
        }
        return built;
    }

    /** Answers every lookup as Parameter Store unavailable, for why. */
    private static SecretResolver unreachable(String why) {
        return ref -> new SecretLookup.Unavailable("Parameter Store could not be reached for secret " + ref.secretId()
                + " (its client could not be built: " + why + ")");
    }
}
