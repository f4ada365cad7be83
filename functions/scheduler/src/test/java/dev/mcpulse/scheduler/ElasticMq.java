package dev.mcpulse.scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, an SQS-compatible server, inside the test JVM on a random loopback port: the probe queue and its
 * dead-letter queue as the template makes them (a redrive policy with a receive count), for the real SQS client.
 */
public final class ElasticMq implements AutoCloseable {

    /** The probe queue and its dead-letter queue. */
    public record ProbeQueues(String queueUrl, String deadLetterQueueUrl) {
    }

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    public ElasticMq() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        client = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of the server, for a test's own look at the queues. */
    public SqsClient client() {
        return client;
    }

    /** A queue whose messages go to a new dead-letter queue after {@code maxReceiveCount} receives. */
    public ProbeQueues probeQueues(String name, int maxReceiveCount, Duration visibilityTimeout) {
        String deadLetters = client.createQueue(q -> q.queueName(name + "-dlq")).queueUrl();
        String deadLettersArn = client.getQueueAttributes(a -> a.queueUrl(deadLetters)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = client.createQueue(q -> q.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLettersArn
                        + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}"))).queueUrl();
        return new ProbeQueues(queue, deadLetters);
    }

    /** One of the queue's approximate counts (visible, delayed, in flight), as SQS reports them. */
    public int count(String queueUrl, QueueAttributeName attribute) {
        return Integer.parseInt(client.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(attribute))
                .attributes().get(attribute));
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
