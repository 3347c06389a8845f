package dev.salesflow.relay;

import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.PublisherStub;
import com.google.cloud.pubsub.v1.stub.PublisherStubSettings;
import java.io.IOException;
import java.time.Duration;

/** Builds the Publisher service's stub the relay publishes through. */
public final class PublisherStubs {

    private PublisherStubs() {}

    /**
     * A stub on the transport, credentials and endpoint of {@code adminSettings}, with the library's
     * request batching off (each {@code PublishRequest} goes out as it is; {@link BatchPublisher}
     * builds them) and transient errors (UNAVAILABLE, ABORTED...) retried for up to {@code retryFor}.
     */
    public static PublisherStub create(TopicAdminSettings adminSettings, Duration retryFor) throws IOException {
        PublisherStubSettings.Builder stub = ((PublisherStubSettings) adminSettings.getStubSettings()).toBuilder();
        RetrySettings defaults = stub.publishSettings().getRetrySettings();
        Duration firstAttempt = defaults.getInitialRpcTimeoutDuration().compareTo(retryFor) < 0
                ? defaults.getInitialRpcTimeoutDuration()
                : retryFor;
        RetrySettings retries = defaults.toBuilder()
                .setInitialRpcTimeoutDuration(firstAttempt)
                .setMaxRpcTimeoutDuration(retryFor)
                .setTotalTimeoutDuration(retryFor)
                .build();
        stub.publishSettings()
                .setBatchingSettings(
                        BatchingSettings.newBuilder().setIsEnabled(false).build())
                .setRetrySettings(retries);
        return stub.build().createStub();
    }
}
