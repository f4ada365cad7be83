package dev.mcpulse.secrets;

import dev.mcpulse.aws.AwsClientSettings;
import dev.mcpulse.aws.AwsClients;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Builds our own Parameter Store client the way every AWS adapter builds its client ({@link AwsClients}). */
public final class ParameterStoreClients {

    private ParameterStoreClients() {
    }

    public static SsmClient build(AwsClientSettings settings) {
        return AwsClients.build(SsmClient.builder(), settings);
    }
}
