package dev.mcpulse.secrets;

import dev.mcpulse.domain.endpoint.SecretShapes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Parameter Store's reads: {@code GetParameter}, and {@code GetParameters} for up to 10, always with decryption (a
 * SecureString's value; a String parameter's is returned as it is). A fleet names a parameter {@code ssm:} and its
 * name ({@code ssm:/mcpulse/prod/github}), or by its ARN; a name without the prefix is read as it is.
 */
final class ParameterStoreReads implements SecretStoreReads {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterStoreReads.class);

    /** The most names one {@code GetParameters} call may carry. */
    static final int BATCH_LIMIT = 10;

    private final SsmClient client;

    ParameterStoreReads(SsmClient client) {
        this.client = client;
    }

    @Override
    public int batchLimit() {
        return BATCH_LIMIT;
    }

    @Override
    public String noText(String secretId) {
        return "secret " + secretId + " has no value in Parameter Store";
    }

    @Override
    public SecretRead read(String secretId) {
        try {
            Parameter parameter = client.getParameter(b -> b.name(SecretShapes.parameterName(secretId))
                    .withDecryption(true)).parameter();
            return new SecretRead.Value(parameter == null ? null : parameter.value());
        } catch (RuntimeException failure) {
            return new SecretRead.Failed(SecretStoreErrors.PARAMETER_STORE.classify(secretId, failure));
        }
    }

    /**
     * One {@code GetParameters} call. IAM refuses the whole call when any one parameter is not the role's to read, so
     * that refusal leaves every id to be read alone, where each gets its own answer.
     */
    @Override
    public Map<String, SecretRead> readBatch(List<String> ids) {
        Map<String, String> idByName = new HashMap<>();
        ids.forEach(id -> idByName.put(SecretShapes.parameterName(id), id));
        GetParametersResponse response;
        try {
            response = client.getParameters(b -> b.names(idByName.keySet()).withDecryption(true));
        } catch (RuntimeException failure) {
            LOG.atWarn().log("GetParameters of {} parameters failed ({}); each is read with GetParameter instead",
                    ids.size(), SecretStoreErrors.answer(failure));
            return Map.of();
        }
        Map<String, SecretRead> reads = new HashMap<>();
        for (Parameter parameter : response.parameters()) {
            for (String asked : List.of(String.valueOf(parameter.name()), String.valueOf(parameter.arn()))) {
                if (idByName.containsKey(asked)) {
                    reads.put(idByName.get(asked), new SecretRead.Value(parameter.value()));
                }
            }
        }
        for (String invalid : response.invalidParameters()) {
            if (idByName.containsKey(invalid)) {
                String id = idByName.get(invalid);
                reads.put(id, new SecretRead.Failed(SecretStoreErrors.PARAMETER_STORE.notFound(id, "ParameterNotFound")));
            }
        }
        return reads; // a name matched by nothing in the answer is read alone when resolved
    }
}
