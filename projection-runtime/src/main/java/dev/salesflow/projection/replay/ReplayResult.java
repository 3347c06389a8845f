package dev.salesflow.projection.replay;

import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.util.List;

/**
 * What a completed replay did.
 *
 * @param projections  names of the rebuilt projections
 * @param events       events read from the store
 * @param position     global position the new tables reflect (the live processors continue after it)
 * @param livePosition where the live processor(s) had got to when stopped (-1 if none ran)
 * @param tables       per table: the rebuilt rows and the live rows they replaced
 * @param timings      where the time went
 */
public record ReplayResult(
        List<String> projections,
        long events,
        long position,
        long livePosition,
        List<TableComparison> tables,
        Timings timings) {

    /** A rebuilt table next to the live one it replaced. {@code live} is null if there was none. */
    public record TableComparison(TableChecksum rebuilt, TableChecksum live) {
        public boolean equal() {
            return live != null
                    && rebuilt.rows() == live.rows()
                    && rebuilt.hash().equals(live.hash());
        }
    }

    /**
     * Nanoseconds spent reading and deserialising events (with upcasting; on the read-ahead
     * thread, alongside the rest), waiting for the reader, applying events to the projections,
     * writing rows, and verifying and switching over; wall time overall.
     */
    public record Timings(
            long readNanos, long waitNanos, long applyNanos, long writeNanos, long finishNanos, long wallNanos) {
        public double eventsPerSecond(long events) {
            return wallNanos == 0 ? 0 : events * 1e9 / wallNanos;
        }
    }
}
