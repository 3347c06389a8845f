package dev.salesflow.relay;

import com.google.pubsub.v1.PubsubMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every stored event to Pub/Sub. It is a tracking event processor: its token is
 * committed only after Pub/Sub has confirmed every message of the batch, so a crash can repeat
 * events (bronze is idempotent on {@code event_id}) but never skip one.
 *
 * <p>A batch's envelopes are collected while the processor hands them over and published together
 * when the batch commits ({@link BatchPublisher}: a request per aggregate, all in flight together,
 * order per aggregate kept). A refused request is sent again until the deadline; after it the batch fails, the
 * processor keeps its position and retries the batch after its back-off. Nothing pauses for good.
 */
@ProcessingGroup(PubSubRelay.PROCESSING_GROUP)
public class PubSubRelay {

    public static final String PROCESSING_GROUP = "pubsub-relay";
    private static final String PENDING = PubSubRelay.class.getName() + "/pending";
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(60);

    private final BatchPublisher publisher;
    private final EventEnvelopes envelopes;
    private final Duration confirmTimeout;
    private final AtomicLong published = new AtomicLong();

    public PubSubRelay(BatchPublisher publisher, EventEnvelopes envelopes) {
        this(publisher, envelopes, CONFIRM_TIMEOUT);
    }

    public PubSubRelay(BatchPublisher publisher, EventEnvelopes envelopes, Duration confirmTimeout) {
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.confirmTimeout = confirmTimeout;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        pendingMessages().add(envelopes.toMessage(event));
    }

    /**
     * Publishes {@code events} as their envelopes and returns once Pub/Sub has confirmed them all.
     *
     * @param whatNext what happens after a failure, for its message
     */
    public void publishAll(List<? extends EventMessage<?>> events, Duration timeout, String whatNext) {
        List<PubsubMessage> messages = new ArrayList<>(events.size());
        events.forEach(event -> messages.add(envelopes.toMessage(event)));
        publishMessages(messages, timeout, whatNext);
    }

    /** The batch's messages, published once when the batch commits. */
    private List<PubsubMessage> pendingMessages() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            List<PubsubMessage> pending = new ArrayList<>();
            root.onPrepareCommit(unit ->
                    publishMessages(pending, confirmTimeout, "the relay keeps its position and retries the batch"));
            return pending;
        });
    }

    private void publishMessages(List<PubsubMessage> messages, Duration timeout, String whatNext) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            publisher.publish(messages, timeout);
        } catch (BatchPublisher.PublishException e) {
            throw new RelayException(
                    "Pub/Sub did not confirm " + messages.size() + " messages to topic " + publisher.topic() + " ("
                            + e.getMessage() + "); " + whatNext,
                    e);
        }
        published.addAndGet(messages.size());
    }

    /** Messages confirmed by Pub/Sub since start (a batch retried after a failure counts again). */
    public long published() {
        return published.get();
    }

    static final class RelayException extends RuntimeException {
        RelayException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
