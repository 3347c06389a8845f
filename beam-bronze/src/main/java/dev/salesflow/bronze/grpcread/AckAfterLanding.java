package dev.salesflow.bronze.grpcread;

import java.io.Serializable;
import java.util.Collection;

/**
 * Handed to the DuckDB writers on the {@code GRPC_BATCHES} read path: they ack the messages of a
 * batch once its rows are committed, and nack them (for immediate redelivery) if the write failed.
 * So a message is never acked before its row, or its dead-letter row, is in the warehouse.
 */
public final class AckAfterLanding implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String target;
    private final String subscription;
    private final String runId;

    AckAfterLanding(String target, String subscription, String runId) {
        this.target = target;
        this.subscription = subscription;
        this.runId = runId;
    }

    public void ack(Collection<String> ackIds) {
        subscriber().ack(ackIds);
    }

    public void nack(Collection<String> ackIds) {
        subscriber().nack(ackIds);
    }

    private PlaintextSubscriber subscriber() {
        return PlaintextSubscriber.of(target, subscription, runId);
    }
}
