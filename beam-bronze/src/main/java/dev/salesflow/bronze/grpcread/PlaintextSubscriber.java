package dev.salesflow.bronze.grpcread;

import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriberGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Pub/Sub Subscriber API over a plaintext gRPC channel without credentials (an emulator), shared
 * by every reader and writer of one job in this JVM: one channel per target, and one count of the
 * messages pulled but not yet acked or nacked per job run, the readers' flow control.
 */
final class PlaintextSubscriber {

    private static final ConcurrentMap<String, ManagedChannel> CHANNELS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, PlaintextSubscriber> BY_RUN = new ConcurrentHashMap<>();
    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final String subscription;
    private final SubscriberGrpc.SubscriberBlockingStub stub;
    private final AtomicLong outstanding = new AtomicLong();

    private PlaintextSubscriber(String target, String subscription) {
        this.subscription = subscription;
        ManagedChannel channel = CHANNELS.computeIfAbsent(
                target,
                t -> ManagedChannelBuilder.forTarget(t)
                        .usePlaintext()
                        .maxInboundMessageSize(64 << 20)
                        .build());
        this.stub = SubscriberGrpc.newBlockingStub(channel);
    }

    /** The subscriber of one job run ({@code runId}), created on first use. */
    static PlaintextSubscriber of(String target, String subscription, String runId) {
        return BY_RUN.computeIfAbsent(
                runId + "|" + target + "|" + subscription, k -> new PlaintextSubscriber(target, subscription));
    }

    /** Messages pulled and not yet acked or nacked. */
    long outstanding() {
        return outstanding.get();
    }

    /** Up to {@code maxMessages} messages, without waiting when none is there. */
    @SuppressWarnings("deprecation") // return_immediately: a reader must not hold a runner thread
    List<ReceivedMessage> pull(int maxMessages) {
        PullResponse response = stub.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .pull(PullRequest.newBuilder()
                        .setSubscription(subscription)
                        .setMaxMessages(maxMessages)
                        .setReturnImmediately(true)
                        .build());
        outstanding.addAndGet(response.getReceivedMessagesCount());
        return response.getReceivedMessagesList();
    }

    /** Acknowledges delivered messages: Pub/Sub will not deliver them again. */
    void ack(Collection<String> ackIds) {
        if (ackIds.isEmpty()) {
            return;
        }
        stub.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .acknowledge(AcknowledgeRequest.newBuilder()
                        .setSubscription(subscription)
                        .addAllAckIds(new ArrayList<>(ackIds))
                        .build());
        outstanding.addAndGet(-ackIds.size());
    }

    /** Gives delivered messages back at once (ack deadline 0), for redelivery. */
    void nack(Collection<String> ackIds) {
        if (ackIds.isEmpty()) {
            return;
        }
        outstanding.addAndGet(-ackIds.size());
        stub.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .modifyAckDeadline(ModifyAckDeadlineRequest.newBuilder()
                        .setSubscription(subscription)
                        .addAllAckIds(new ArrayList<>(ackIds))
                        .setAckDeadlineSeconds(0)
                        .build());
    }
}
