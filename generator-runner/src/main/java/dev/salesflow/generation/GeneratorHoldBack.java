package dev.salesflow.generation;

import java.time.Duration;

/**
 * The generator's backlog bound as seen from outside.
 *
 * @param heldBack whether the generator waits for the pipeline now
 * @param backlog the last reading of the slowest stage
 * @param bound the bound in events; 0 = none
 * @param heldTotal time held back in this run so far
 * @param holds how many times it was held back in this run
 */
public record GeneratorHoldBack(
        boolean heldBack, PipelineBacklog.Backlog backlog, long bound, Duration heldTotal, long holds) {

    public static final GeneratorHoldBack NONE =
            new GeneratorHoldBack(false, PipelineBacklog.Backlog.UNMEASURED, 0, Duration.ZERO, 0);

    /** E.g. {@code generator held back: pubsub-relay 2,150 events behind (bound 2,000)}; null when not held back. */
    public String describe() {
        return heldBack
                ? "generator held back: " + backlog.describe() + " (bound " + BacklogGate.format(bound) + ")"
                : null;
    }
}
