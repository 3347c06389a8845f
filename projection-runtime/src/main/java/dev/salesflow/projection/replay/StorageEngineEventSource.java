package dev.salesflow.projection.replay;

import dev.salesflow.eventstore.FlushBeforeReadStorageEngine;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/** Reads the event store through Axon's storage engine, in batches larger than a live processor's. */
public final class StorageEngineEventSource implements ReplayEventSource {

    private final FlushBeforeReadStorageEngine engine;
    private final int batchSize;

    public StorageEngineEventSource(FlushBeforeReadStorageEngine engine, int batchSize) {
        this.engine = engine;
        this.batchSize = batchSize;
    }

    @Override
    public List<? extends TrackedEventMessage<?>> nextBatch(TrackingToken token) {
        return engine.readBatch(token, batchSize);
    }

    @Override
    public long headPosition() {
        return Math.max(0, engine.headIndex());
    }
}
