package dev.salesflow.relay;

import com.google.cloud.spring.pubsub.core.publisher.PubSubPublisherTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 */
@ProcessingGroup(PubSubRelay.PROCESSING_GROUP)
public class PubSubRelay {

    public static final String PROCESSING_GROUP = "pubsub-relay";
    private static final String PENDING = PubSubRelay.class.getName() + "/pending";
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(60);

    private final PubSubPublisherTemplate publisher;
    private final EventEnvelopes envelopes;
    private final String topic;
    private final AtomicLong published = new AtomicLong();

    public PubSubRelay(PubSubPublisherTemplate publisher, EventEnvelopes envelopes, RelaySettings settings) {
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.topic = settings.topic();
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        pendingConfirmations().add(publish(event));
    }

    /** Publishes one event as its envelope; the future completes when Pub/Sub has confirmed it. */
    public CompletableFuture<String> publish(EventMessage<?> event) {
        return publisher.publish(topic, envelopes.toMessage(event));
    }

    /** The batch's confirmations, awaited once when the batch commits. */
    private List<CompletableFuture<String>> pendingConfirmations() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<String>> pending = new ArrayList<>();
            root.onPrepareCommit(unit -> {
                awaitConfirmations(pending, CONFIRM_TIMEOUT, "the relay keeps its position and retries");
                published.addAndGet(pending.size());
            });
            return pending;
        });
    }

    /** Waits until Pub/Sub has confirmed every message; a failure says what happens next. */
    public void awaitConfirmations(List<CompletableFuture<String>> pending, Duration timeout, String whatNext) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayException("Pub/Sub did not confirm " + pending.size() + " messages to topic " + topic
                    + " (" + e.getMessage() + "); " + whatNext, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("Interrupted while waiting for Pub/Sub confirmations; " + whatNext, e);
        }
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
