package dev.mcpulse.secrets;

import java.util.List;
import java.util.Map;

/**
 * One secret store's calls, for {@link CachingSecretResolver}: a read of one secret and a read of several in one
 * call. Every outcome is a {@link SecretRead}: nothing is thrown, and no value is in any reason or log line.
 */
interface SecretStoreReads {

    /** The most secrets one {@link #readBatch} call may name. */
    int batchLimit();

    SecretRead read(String secretId);

    /**
     * What one call read, by the id each secret was asked for. An id missing from the map (all of them, if the call
     * itself failed) is read alone when it is resolved, so nothing is lost.
     */
    Map<String, SecretRead> readBatch(List<String> secretIds);

    /** The reason given for a secret the store holds but that has no text value. */
    String noText(String secretId);
}
