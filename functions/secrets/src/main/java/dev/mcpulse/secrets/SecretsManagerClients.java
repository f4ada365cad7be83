package dev.mcpulse.secrets;

import dev.mcpulse.aws.AwsClientSettings;
import dev.mcpulse.aws.AwsClients;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds our own Secrets Manager client the way every AWS adapter builds its client ({@link AwsClients}). */
public final class SecretsManagerClients {

    private SecretsManagerClients() {
    }

    public static SecretsManagerClient build(AwsClientSettings settings) {
        return AwsClients.build(SecretsManagerClient.builder(), settings);
    }
}
