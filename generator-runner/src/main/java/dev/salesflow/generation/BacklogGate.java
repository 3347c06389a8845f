package dev.salesflow.generation;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generator's backlog bound: before a command is submitted, if the slowest stage after the
 * event store is more than {@code bound} events behind, the generator waits until it is back at
 * three quarters of the bound (hysteresis, so it does not stop and start at every batch a processor
 * commits). Without it the command side wins the cores over the relay, bronze and the projections,
 * and Axon keeps every unread event in memory until the heap is full (issue 14's soak).
 *
 * <p>The backlog is read at most every {@link #READ_INTERVAL_NANOS} while commands flow and in
 * steps of that length while held back. Used by the generator's thread only; the readings it
 * publishes ({@link #state()}) are for other threads.
 */
final class BacklogGate {

    private static final Logger log = LoggerFactory.getLogger(BacklogGate.class);

    /** How often the backlog is read: often enough to hold within a fraction of a second at 1,000 events/s. */
    static final long READ_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PipelineBacklog backlog;
    private final long bound;
    private final long resumeAt;
    private final LongSupplier nanoTime;
    private long readAtNanos;
    private boolean readOnce;
    /**
     * What other threads see, replaced whole: a reading that ends a hold is published together with
     * the end, so no one sees "held back" with a backlog already under the bound.
     */
    private volatile Published published = new Published(false, PipelineBacklog.Backlog.UNMEASURED, 0, 0, 0);

    /** Whether held back now, the last reading, since when, the time held back before, and how often. */
    private record Published(
            boolean holding, PipelineBacklog.Backlog last, long heldSinceNanos, long heldNanos, long holds) {

        Published withReading(PipelineBacklog.Backlog reading) {
            return new Published(holding, reading, heldSinceNanos, heldNanos, holds);
        }
    }

    /** @param bound events behind at most; 0 or less: no bound (the backlog is never read) */
    BacklogGate(PipelineBacklog backlog, long bound) {
        this(backlog, bound, System::nanoTime);
    }

    BacklogGate(PipelineBacklog backlog, long bound, LongSupplier nanoTime) {
        this.backlog = backlog;
        this.bound = Math.max(0, bound);
        this.resumeAt = this.bound * 3 / 4;
        this.nanoTime = nanoTime;
    }

    long bound() {
        return bound;
    }

    /**
     * Returns at once while the backlog is within the bound (or unmeasured); otherwise waits until it
     * is at or below three quarters of the bound or {@code running} turns false.
     *
     * @return whether it held the caller back (the live pace then starts again from now)
     */
    boolean awaitRoom(BooleanSupplier running) {
        if (bound == 0) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (readOnce && now - readAtNanos < READ_INTERVAL_NANOS) {
            return false;
        }
        PipelineBacklog.Backlog reading = read(now);
        Published before = published;
        if (!reading.measured() || reading.eventsBehind() <= bound) {
            published = before.withReading(reading);
            return false;
        }
        long holds = before.holds() + 1;
        published = new Published(true, reading, now, before.heldNanos(), holds);
        // The first time at INFO (the progress line says it every time), then at DEBUG: at a saturated
        // pipeline it is held back every second or so.
        log.atLevel(holds == 1 ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.DEBUG)
                .log(
                        "Generator held back: {} (bound {}); resumes at {} (this is logged once; the progress line shows"
                                + " each time)",
                        reading.describe(),
                        format(bound),
                        format(resumeAt));
        try {
            while (running.getAsBoolean()) {
                LockSupport.parkNanos(READ_INTERVAL_NANOS);
                if (Thread.currentThread().isInterrupted()) {
                    return true;
                }
                reading = read(nanoTime.getAsLong());
                if (!reading.measured() || reading.eventsBehind() <= resumeAt) {
                    break;
                }
                published = published.withReading(reading);
            }
        } finally {
            long end = nanoTime.getAsLong();
            published = new Published(false, reading, 0, before.heldNanos() + end - now, holds);
            log.debug(
                    "Generator resumes after {} ms held back: {}",
                    TimeUnit.NANOSECONDS.toMillis(end - now),
                    reading.describe());
        }
        return true;
    }

    private PipelineBacklog.Backlog read(long now) {
        PipelineBacklog.Backlog reading;
        try {
            reading = backlog.current();
        } catch (RuntimeException e) {
            // A reading that fails (e.g. the store is closing) does not stop the generator: no bound this time.
            log.debug("The pipeline's backlog could not be read: {}", e.toString());
            reading = PipelineBacklog.Backlog.UNMEASURED;
        }
        if (reading == null) {
            reading = PipelineBacklog.Backlog.UNMEASURED;
        }
        readAtNanos = now;
        readOnce = true;
        return reading;
    }

    /** For status lines: whether held back now, the last reading, and the time held back so far. */
    GeneratorHoldBack state() {
        Published now = published;
        long total = now.heldNanos() + (now.holding() ? nanoTime.getAsLong() - now.heldSinceNanos() : 0);
        return new GeneratorHoldBack(
                now.holding(), now.last(), bound, Duration.ofNanos(Math.max(0, total)), now.holds());
    }

    static String format(long events) {
        return String.format(Locale.ROOT, "%,d", events);
    }
}
