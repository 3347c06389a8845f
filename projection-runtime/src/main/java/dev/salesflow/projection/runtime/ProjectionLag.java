package dev.salesflow.projection.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * How far behind the event store a live projection is: for every event, the time from the event's
 * creation (its Axon timestamp, taken when the command was handled) to the commit of the rows it
 * changed. Keeps the most recent {@value #WINDOW} events; thread-safe.
 */
public final class ProjectionLag {

    static final int WINDOW = 100_000;

    private final Clock clock;
    private final long[] lagsMillis = new long[WINDOW];
    private long recorded;

    public ProjectionLag(Clock clock) {
        this.clock = clock;
    }

    /** Records the events of a batch whose rows were just written. */
    public synchronized void written(long[] eventTimesMillis, int count) {
        long now = clock.millis();
        for (int i = 0; i < count; i++) {
            lagsMillis[(int) (recorded++ % WINDOW)] = Math.max(0, now - eventTimesMillis[i]);
        }
    }

    public synchronized Summary summary() {
        int size = (int) Math.min(recorded, WINDOW);
        long[] sorted = Arrays.copyOf(lagsMillis, size);
        Arrays.sort(sorted);
        return new Summary(
                recorded, percentile(sorted, 0.50), percentile(sorted, 0.99), size == 0 ? 0 : sorted[size - 1]);
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Event creation to rows written, over the last {@value #WINDOW} events, in milliseconds. */
    public record Summary(long events, long p50Millis, long p99Millis, long maxMillis) {}

    /** Event times of the batch in progress. */
    static final class Batch {
        private long[] times = new long[256];
        private int count;

        void add(Instant eventTime) {
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = eventTime.toEpochMilli();
        }

        void recordTo(ProjectionLag lag) {
            lag.written(times, count);
            count = 0;
        }

        void clear() {
            count = 0;
        }
    }
}
