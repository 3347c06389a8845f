package dev.salesflow.generation;

/**
 * How far the stages after the event store are behind it, as the generator's backlog bound asks
 * (about every 100 ms, so it must be cheap: in-memory positions and counters, at most one small
 * query). Implemented by the application, which knows the stages; the generator only reads it.
 */
@FunctionalInterface
public interface PipelineBacklog {

    /** No stage measurable: no bound. */
    PipelineBacklog NONE = () -> Backlog.UNMEASURED;

    /** The slowest running stage now; {@link Backlog#UNMEASURED} when no stage can be measured. */
    Backlog current();

    /**
     * One reading.
     *
     * @param eventsBehind events stored and not yet handled by the slowest stage
     * @param stage the slowest stage (e.g. {@code pubsub-relay}, {@code silver-sales}, {@code bronze}); null if none
     *     was measurable
     * @param problem why that stage may not catch up on its own (e.g. {@code in error}), or null
     */
    record Backlog(long eventsBehind, String stage, String problem) {

        public static final Backlog UNMEASURED = new Backlog(0, null, null);

        public boolean measured() {
            return stage != null;
        }

        /** E.g. {@code relay 2,150 events behind} or {@code silver-sales (in error) 2,150 events behind}. */
        public String describe() {
            if (!measured()) {
                return "no stage measured";
            }
            return stage + (problem == null ? "" : " (" + problem + ")") + " " + BacklogGate.format(eventsBehind)
                    + " events behind";
        }
    }
}
