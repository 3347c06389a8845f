package dev.salesflow.projection.replay;

import dev.salesflow.projection.runtime.Projection;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The live side of the projections a replay rebuilds: their tracking processors and tokens. The
 * replay stops a projection's processor before its last catch-up (so no event is handled by
 * neither), and restarts it afterwards from where the rebuilt tables are.
 */
public interface LiveProcessors {

    /** Stops the projection's live processor (if it runs) and waits until it has stopped. */
    void pause(Projection projection);

    /**
     * After a switch-over: the live processor continues after {@code token} (the position the new
     * tables reflect), and forgets rows it held in memory from the old tables.
     */
    void resumeAfter(Projection projection, TrackingToken token);

    /** After a failed replay: the live processor continues where it stopped, on the untouched tables. */
    void resumeUnchanged(Projection projection);

    /** Where the live processor stands (global position), or -1 if unknown; for the report only. */
    long livePosition(Projection projection);

    /** No live processors at all: a replay that owns the tables alone (tests, benchmarks). */
    LiveProcessors NONE = new LiveProcessors() {
        @Override
        public void pause(Projection projection) {}

        @Override
        public void resumeAfter(Projection projection, TrackingToken token) {}

        @Override
        public void resumeUnchanged(Projection projection) {}

        @Override
        public long livePosition(Projection projection) {
            return -1;
        }
    };
}
