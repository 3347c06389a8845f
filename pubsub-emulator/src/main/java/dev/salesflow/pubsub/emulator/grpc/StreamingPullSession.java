package dev.salesflow.pubsub.emulator.grpc;

import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.Subscription;
import dev.salesflow.pubsub.emulator.broker.Broker;
import dev.salesflow.pubsub.emulator.broker.BrokerException;
import dev.salesflow.pubsub.emulator.broker.ErrorCode;
import dev.salesflow.pubsub.emulator.broker.PullLimits;
import dev.salesflow.pubsub.emulator.broker.StreamBudget;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One StreamingPull stream. Requests (acks, deadline changes) arrive on the server's transport
 * threads (it runs calls with directExecutor) and only take the broker lock briefly; a delivery
 * loop on its own thread leases messages from the broker and pushes them as they appear, within
 * the client's flow-control limits (a {@link StreamBudget} the broker keeps) and only while the
 * transport is ready.
 *
 * <p>When the stream ends, messages leased on it are left to expire and be redelivered, as with
 * Pub/Sub; only a batch leased after the stream closed but never sent is handed back at once.
 */
final class StreamingPullSession implements StreamObserver<StreamingPullRequest> {

    private static final Logger log = LoggerFactory.getLogger(StreamingPullSession.class);

    /** Upper bound of one response, so one stream cannot take a whole large backlog at once. */
    private static final int MAX_BATCH = 1000;
    /**
     * Upper bound of the bytes in one response; the Java client accepts messages up to 20 MiB, and
     * a single message can be up to 10 MB, which is still always sent.
     */
    private static final long MAX_BATCH_BYTES = 10L * 1024 * 1024;
    /** Bound on each wait of the delivery loop; it then re-checks the stream and budget. */
    private static final Duration WAIT = Duration.ofSeconds(1);
    /**
     * Once a message is ready, how long to wait for more before sending a response that is not
     * full. Publishers that send one message per request (the Java client does with 1 KiB messages
     * under its default batching) would otherwise get one response, one receipt ModifyAckDeadline
     * and one ack round per message.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Broker broker;
    private final ServerCallStreamObserver<StreamingPullResponse> responses;
    private final Executor executor;
    /** Guards sending on {@link #responses} and is the wait/notify monitor of the delivery loop. */
    private final Object monitor = new Object();
    /**
     * Set (under {@link #monitor}) when the transport becomes ready again (or the stream ends). The
     * loop clears it before it checks readiness and waits only while it is clear, so an event that
     * lands between the two is not lost.
     */
    private boolean signalled;

    private volatile boolean open = true;
    // Written once by the first request, before the delivery loop starts (which publishes them).
    private String subscription;
    private int streamAckDeadlineSeconds;
    /**
     * max_outstanding_messages/bytes, kept by the broker: acks may come on this stream or, as the
     * Java client sends them, by unary Acknowledge calls, and either frees budget at once. (It was
     * kept here and re-counted only when this stream sent a request or after a 1 s wait, which
     * capped a Java subscriber at about max_outstanding_messages per second.)
     */
    private StreamBudget budget;

    private StreamingPullResponse.SubscriptionProperties properties;

    StreamingPullSession(Broker broker, ServerCallStreamObserver<StreamingPullResponse> responses, Executor executor) {
        this.broker = broker;
        this.responses = responses;
        this.executor = executor;
        responses.setOnCancelHandler(this::end);
        responses.setOnReadyHandler(this::signal);
    }

    @Override
    public void onNext(StreamingPullRequest request) {
        if (!open) {
            return;
        }
        try {
            if (subscription == null) {
                start(request);
            }
            applyAcks(request);
        } catch (BrokerException e) {
            fail(UnaryCalls.toStatus(e).getStatus());
        }
    }

    private void start(StreamingPullRequest first) {
        if (first.getSubscription().isEmpty()) {
            throw new BrokerException(
                    ErrorCode.INVALID_ARGUMENT, "The first StreamingPullRequest must name a subscription");
        }
        Subscription config = broker.getSubscription(first.getSubscription());
        streamAckDeadlineSeconds = first.getStreamAckDeadlineSeconds();
        budget = new StreamBudget(first.getMaxOutstandingMessages(), first.getMaxOutstandingBytes());
        // The Java client only processes messages of one key sequentially when told so here.
        properties = StreamingPullResponse.SubscriptionProperties.newBuilder()
                .setMessageOrderingEnabled(config.getEnableMessageOrdering())
                .build();
        subscription = config.getName();
        log.debug("StreamingPull opened on {}", subscription);
        try {
            executor.execute(this::deliverLoop);
        } catch (RejectedExecutionException e) {
            throw new BrokerException(
                    ErrorCode.RESOURCE_EXHAUSTED,
                    "Too many StreamingPull streams and waiting Pulls at once (the emulator's"
                            + " --max-stream-threads); retry later or raise the limit");
        }
    }

    private void applyAcks(StreamingPullRequest request) {
        if (request.getModifyDeadlineAckIdsCount() != request.getModifyDeadlineSecondsCount()) {
            throw new BrokerException(
                    ErrorCode.INVALID_ARGUMENT, "modify_deadline_ack_ids and modify_deadline_seconds differ in length");
        }
        if (request.getAckIdsCount() > 0) {
            broker.acknowledge(subscription, request.getAckIdsList());
        }
        // The client sends a run of ack ids with the same deadline (receipts, extensions, nacks):
        // one broker call per run rather than per ack id.
        int count = request.getModifyDeadlineAckIdsCount();
        for (int from = 0; from < count; ) {
            int seconds = request.getModifyDeadlineSeconds(from);
            int to = from + 1;
            while (to < count && request.getModifyDeadlineSeconds(to) == seconds) {
                to++;
            }
            broker.modifyAckDeadline(
                    subscription, request.getModifyDeadlineAckIdsList().subList(from, to), seconds);
            from = to;
        }
    }

    private void deliverLoop() {
        try {
            PullLimits limits = new PullLimits(MAX_BATCH, MAX_BATCH_BYTES, streamAckDeadlineSeconds, WAIT);
            while (open && !Thread.currentThread().isInterrupted()) {
                synchronized (monitor) {
                    signalled = false;
                }
                if (!responses.isReady()) {
                    awaitSignal();
                    continue;
                }
                List<ReceivedMessage> batch = broker.pull(subscription, limits, () -> !open, LINGER_NANOS, budget);
                if (!batch.isEmpty()) {
                    send(batch);
                }
            }
        } catch (BrokerException e) {
            fail(UnaryCalls.toStatus(e).getStatus());
        } catch (RuntimeException e) {
            log.error("StreamingPull on {} failed", subscription, e);
            fail(Status.INTERNAL.withDescription(e.getMessage()));
        }
    }

    private void send(List<ReceivedMessage> batch) {
        synchronized (monitor) {
            if (open) {
                responses.onNext(StreamingPullResponse.newBuilder()
                        .addAllReceivedMessages(batch)
                        .setSubscriptionProperties(properties)
                        .build());
                return;
            }
        }
        // The stream ended while this batch was being leased: nobody saw it, so give it back now.
        broker.modifyAckDeadline(
                subscription, batch.stream().map(ReceivedMessage::getAckId).toList(), 0);
    }

    /** Waits (bounded) for a ready transport or the end of the stream. */
    private void awaitSignal() {
        synchronized (monitor) {
            if (!open || signalled) {
                return;
            }
            try {
                monitor.wait(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void signal() {
        synchronized (monitor) {
            signalled = true;
            monitor.notifyAll();
        }
    }

    @Override
    public void onError(Throwable t) {
        end();
    }

    @Override
    public void onCompleted() {
        synchronized (monitor) {
            if (open) {
                responses.onCompleted();
            }
        }
        end();
    }

    private void fail(Status status) {
        synchronized (monitor) {
            if (!open) {
                return;
            }
            responses.onError(status.asRuntimeException());
        }
        end();
    }

    private void end() {
        synchronized (monitor) {
            open = false;
            monitor.notifyAll();
        }
        if (subscription != null) {
            broker.wakeUp(subscription);
            log.debug("StreamingPull closed on {}", subscription);
        }
    }
}
