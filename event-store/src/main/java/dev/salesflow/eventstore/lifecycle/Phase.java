package dev.salesflow.eventstore.lifecycle;

/**
 * The start-up and shutdown order of the application's long-running parts, in one place. Spring
 * starts lower phases first and stops them last. Axon starts its event processors (the relay, the
 * projections) at {@link #EVENT_PROCESSORS}; everything here is placed relative to that.
 */
public enum Phase {

    /** Topic and subscription exist before the bronze job reads and the relay publishes. */
    PUBSUB_TOPOLOGY(-100),
    /** The in-process bronze job (Spring's default phase). */
    BRONZE_JOB(0),
    /** Stored events missing from bronze are published again, after bronze runs and before the relay does. */
    REPUBLISH_MISSING(10),
    /** The Pub/Sub publisher's executor: stops after the relay, so its last confirmations arrive. */
    PUBLISHER_EXECUTOR(Integer.MAX_VALUE - 4096),
    /** Axon's event processors (Axon's own phase; listed for the order, not used by our beans). */
    EVENT_PROCESSORS(Integer.MAX_VALUE - 3072),
    /**
     * After the processors start and before the generator: sale_parties is rebuilt before any
     * command; on shutdown, after the generator stops, the pipeline drains before the processors stop.
     */
    BEFORE_COMMANDS(Integer.MAX_VALUE - 200),
    /** The generator sends commands last and stops first. */
    GENERATOR(Integer.MAX_VALUE - 100),
    /** The gold orchestrator (Spring's default phase): stops first, waiting for a run in progress. */
    MARTS(Integer.MAX_VALUE);

    private final int value;

    Phase(int value) {
        this.value = value;
    }

    /** The number Spring orders by. */
    public int value() {
        return value;
    }
}
