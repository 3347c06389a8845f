package dev.salesflow.relay;

import dev.salesflow.eventstore.lifecycle.Phase;
import dev.salesflow.eventstore.lifecycle.PhasedLifecycle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On shutdown, after the generator has stopped and before Axon and the bronze job stop, waits
 * (up to a deadline) until every stored event has landed in bronze, compared by event id: a dead
 * letter or a row the store does not hold never stands in for a missing event. The embedded
 * emulator keeps messages in memory, so what it still holds at exit would otherwise only reach
 * bronze when the relay repeats it.
 */
public class DrainOnShutdown extends PhasedLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainOnShutdown.class);
    /** Enough to say how far off bronze is; the scan stops there. */
    private static final int COUNT_UP_TO = 100_000;

    private final MissingEvents missing;
    private final Duration deadline;

    public DrainOnShutdown(MissingEvents missing, Duration deadline) {
        super(Phase.BEFORE_COMMANDS);
        this.missing = missing;
        this.deadline = deadline;
    }

    /** Stops after the generator and before Axon's processors. */
    @Override
    protected void onStop() {
        long until = System.nanoTime() + deadline.toNanos();
        int notLanded = missing.countMissing(COUNT_UP_TO);
        while (notLanded > 0 && System.nanoTime() < until) {
            log.info(
                    "Draining before exit: {}{} stored events not yet in bronze",
                    notLanded,
                    notLanded >= COUNT_UP_TO ? "+" : "");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            notLanded = missing.countMissing(COUNT_UP_TO);
        }
        if (notLanded == 0) {
            log.info("Drained: every stored event is in bronze");
        } else {
            log.warn(
                    "Stopped before bronze caught up ({}{} stored events not in bronze); the rest lands after the"
                            + " next start",
                    notLanded,
                    notLanded >= COUNT_UP_TO ? "+" : "");
        }
    }
}
