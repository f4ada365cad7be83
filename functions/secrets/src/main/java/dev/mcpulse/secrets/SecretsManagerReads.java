package dev.mcpulse.secrets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/** Secrets Manager's reads: {@code GetSecretValue}, and {@code BatchGetSecretValue} for up to 20 secrets. */
final class SecretsManagerReads implements SecretStoreReads {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerReads.class);

    static final int BATCH_LIMIT = 20;

    private final SecretsManagerClient client;

    SecretsManagerReads(SecretsManagerClient client) {
        this.client = client;
    }

    @Override
    public int batchLimit() {
        return BATCH_LIMIT;
    }

    @Override
    public String noText(String secretId) {
        return "secret " + secretId
                + " has no current text value (it holds binary data, or no version is labelled AWSCURRENT)";
    }

    @Override
    public SecretRead read(String secretId) {
        try {
            return new SecretRead.Value(client.getSecretValue(b -> b.secretId(secretId)).secretString());
        } catch (RuntimeException failure) {
            return new SecretRead.Failed(SecretStoreErrors.SECRETS_MANAGER.classify(secretId, failure));
        }
    }

    @Override
    public Map<String, SecretRead> readBatch(List<String> ids) {
        BatchGetSecretValueResponse response;
        try {
            response = client.batchGetSecretValue(b -> b.secretIdList(ids));
        } catch (RuntimeException failure) {
            // Nothing is lost: each of these secrets is read alone when it is resolved.
            LOG.atWarn().log("BatchGetSecretValue of {} secrets failed ({}); each is read with GetSecretValue instead"
                    + " (an AccessDenied here: the role lacks secretsmanager:BatchGetSecretValue)",
                    ids.size(), SecretStoreErrors.answer(failure));
            return Map.of();
        }
        Map<String, SecretRead> reads = new HashMap<>();
        for (SecretValueEntry entry : response.secretValues()) {
            ids.stream().filter(id -> names(id, entry)).forEach(id -> reads.put(id, new SecretRead.Value(entry.secretString())));
        }
        for (APIErrorType error : response.errors()) {
            if (ids.contains(error.secretId())) {
                reads.put(error.secretId(), new SecretRead.Failed(
                        SecretStoreErrors.SECRETS_MANAGER.classifyBatchError(error.secretId(), error.errorCode())));
            }
        }
        return reads; // an id matched by nothing in the answer is read alone when resolved
    }

    /**
     * Whether {@code id}, as the fleet names a secret, names this entry: its name, its ARN or its ARN without the six
     * random characters Secrets Manager appends (a partial ARN).
     */
    private static boolean names(String id, SecretValueEntry entry) {
        String arn = entry.arn();
        return id.equals(entry.name()) || id.equals(arn)
                || arn != null && arn.length() == id.length() + 7 && arn.startsWith(id + "-");
    }
}
