package dev.salesflow.projection.runtime;

import java.time.Instant;

/**
 * The rule of current-state tables for changes that arrive out of business-time order: a change
 * is applied to an attribute unless the row already holds a change of that attribute with a later
 * business time. The row then shows the state as of the latest business time, whatever order the
 * events were stored in; at equal times the later event (higher sequence number) wins.
 */
public final class BusinessTime {

    private BusinessTime() {}

    /** True if a change at {@code changeAt} replaces the attribute last changed at {@code heldSince}. */
    public static boolean supersedes(Instant changeAt, Instant heldSince) {
        return heldSince == null || !changeAt.isBefore(heldSince);
    }

    /** The later of the two (the row's {@code updated_at} after a change). */
    public static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
