package dev.salesflow.relay;

import dev.salesflow.eventstore.StoredEventId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which stored events bronze does not hold, found by comparing event ids page by page in store
 * order. Counts would not do: a row bronze holds that the store lacks (another store's event, a
 * test row) or a dead letter would hide an event that never landed.
 */
public class MissingEvents {

    /** A page of (global index, event id) in store order, after the given global index. */
    @FunctionalInterface
    public interface StoredIds {
        List<StoredEventId> after(long globalIndex, int pageSize);
    }

    /** The ids missing from bronze, and the global index of the first of them (-1 if none). */
    public record Missing(Set<String> eventIds, long firstGlobalIndex) {

        public boolean none() {
            return eventIds.isEmpty();
        }
    }

    private final StoredIds stored;
    private final LandedEvents landed;
    private final int pageSize;
    /** Every stored event up to this global index has landed: later checks start after it. */
    private volatile long landedThrough = -1;

    public MissingEvents(StoredIds stored, LandedEvents landed, int pageSize) {
        this.stored = stored;
        this.landed = landed;
        this.pageSize = pageSize;
    }

    /** Every stored event bronze does not hold. */
    public Missing find() {
        return scan(-1, Integer.MAX_VALUE);
    }

    /**
     * How many stored events have not landed, stopping at {@code limit}; cheap to repeat, as the
     * drain on shutdown does: the events known to have landed are not asked about again.
     */
    public int countMissing(int limit) {
        return scan(landedThrough, limit).eventIds().size();
    }

    private Missing scan(long after, int limit) {
        Set<String> missing = new LinkedHashSet<>();
        long firstMissing = -1;
        boolean contiguous = true;
        List<StoredEventId> page;
        while (missing.size() < limit && !(page = stored.after(after, pageSize)).isEmpty()) {
            List<String> ids = new ArrayList<>(page.size());
            page.forEach(event -> ids.add(event.eventId()));
            Set<String> inBronze = landed.landedOf(ids);
            for (StoredEventId event : page) {
                if (inBronze.contains(event.eventId())) {
                    if (contiguous) {
                        landedThrough = Math.max(landedThrough, event.globalIndex());
                    }
                } else {
                    contiguous = false;
                    if (missing.add(event.eventId()) && firstMissing < 0) {
                        firstMissing = event.globalIndex();
                    }
                }
            }
            after = page.get(page.size() - 1).globalIndex();
        }
        return new Missing(missing, firstMissing);
    }
}
