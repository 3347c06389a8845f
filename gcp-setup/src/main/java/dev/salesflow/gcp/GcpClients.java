package dev.salesflow.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official clients setup and check use: Pub/Sub admin (gRPC), BigQuery and Cloud Storage (JSON
 * over HTTP). By default they talk to Google Cloud with the Application Default Credentials; each
 * can be pointed at a local stand-in instead (plaintext, no credentials), which is how the tests
 * run them offline.
 */
public final class GcpClients implements AutoCloseable {

    /**
     * Where each API is served; null = Google Cloud.
     *
     * @param pubsubEmulatorHost {@code host:port} of a Pub/Sub emulator's gRPC port
     * @param bigQueryUrl root URL of a BigQuery REST stand-in, e.g. {@code http://127.0.0.1:9050}
     * @param storageUrl root URL of a Cloud Storage JSON API stand-in
     */
    public record Endpoints(String pubsubEmulatorHost, String bigQueryUrl, String storageUrl) {

        public static final Endpoints GOOGLE_CLOUD = new Endpoints(null, null, null);

        boolean needCredentials() {
            return pubsubEmulatorHost == null || bigQueryUrl == null || storageUrl == null;
        }
    }

    public final TopicAdminClient topics;
    public final SubscriptionAdminClient subscriptions;
    public final BigQuery bigquery;
    public final Storage storage;
    private final ManagedChannel channel;

    private GcpClients(
            TopicAdminClient topics,
            SubscriptionAdminClient subscriptions,
            BigQuery bigquery,
            Storage storage,
            ManagedChannel channel) {
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.bigquery = bigquery;
        this.storage = storage;
        this.channel = channel;
    }

    public static GcpClients connect(GcpLayout layout, Endpoints endpoints) {
        Credentials credentials = endpoints.needCredentials() ? applicationDefaultCredentials() : null;
        ManagedChannel channel = null;
        try {
            CredentialsProvider pubsubCredentials;
            TopicAdminSettings.Builder topicSettings = TopicAdminSettings.newBuilder();
            SubscriptionAdminSettings.Builder subscriptionSettings = SubscriptionAdminSettings.newBuilder();
            if (endpoints.pubsubEmulatorHost() != null) {
                // The Java client does not read PUBSUB_EMULATOR_HOST: a plaintext channel of our own.
                channel = ManagedChannelBuilder.forTarget(endpoints.pubsubEmulatorHost())
                        .usePlaintext()
                        .build();
                FixedTransportChannelProvider transport =
                        FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
                topicSettings.setTransportChannelProvider(transport);
                subscriptionSettings.setTransportChannelProvider(transport);
                pubsubCredentials = NoCredentialsProvider.create();
            } else {
                pubsubCredentials = FixedCredentialsProvider.create(credentials);
            }
            TopicAdminClient topics = TopicAdminClient.create(
                    topicSettings.setCredentialsProvider(pubsubCredentials).build());
            SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(subscriptionSettings
                    .setCredentialsProvider(pubsubCredentials)
                    .build());

            BigQueryOptions.Builder bigquery =
                    BigQueryOptions.newBuilder().setProjectId(layout.project()).setLocation(layout.bigQueryLocation());
            if (endpoints.bigQueryUrl() != null) {
                bigquery.setHost(endpoints.bigQueryUrl()).setCredentials(NoCredentials.getInstance());
            } else {
                bigquery.setCredentials(credentials);
            }
            StorageOptions.Builder storage = StorageOptions.http().setProjectId(layout.project());
            if (endpoints.storageUrl() != null) {
                storage.setHost(endpoints.storageUrl()).setCredentials(NoCredentials.getInstance());
            } else {
                storage.setCredentials(credentials);
            }
            return new GcpClients(
                    topics,
                    subscriptions,
                    bigquery.build().getService(),
                    storage.build().getService(),
                    channel);
        } catch (IOException e) {
            if (channel != null) {
                channel.shutdownNow();
            }
            throw new GcpException("Cannot create the Pub/Sub admin clients: " + e.getMessage(), e);
        }
    }

    /** The Application Default Credentials, or an error that says how to get them. */
    static Credentials applicationDefaultCredentials() {
        try {
            GoogleCredentials credentials = GoogleCredentials.getApplicationDefault();
            return credentials.createScopedRequired()
                    ? credentials.createScoped(List.of("https://www.googleapis.com/auth/cloud-platform"))
                    : credentials;
        } catch (IOException e) {
            throw new GcpException(
                    "No Google credentials found (Application Default Credentials). On a workstation "
                            + "run `gcloud auth application-default login`; on Google Cloud attach a service account; or set "
                            + "GOOGLE_APPLICATION_CREDENTIALS to a key file. (" + e.getMessage() + ")",
                    e);
        }
    }

    @Override
    public void close() {
        topics.close();
        subscriptions.close();
        try {
            topics.awaitTermination(5, TimeUnit.SECONDS);
            subscriptions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
