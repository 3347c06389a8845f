package dev.salesflow.generator.followup;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Follow-ups waiting for their tick, in due order; equal ticks keep the order they were planned
 * in. Its size is bounded by the sales of the longest delay (about three weeks of refunds).
 */
public final class FollowUpQueue {

    private final PriorityQueue<FollowUp> queue =
            new PriorityQueue<>(Comparator.comparingLong(FollowUp::dueTick).thenComparingLong(FollowUp::sequence));
    private long sequence;

    public long nextSequence() {
        return sequence++;
    }

    public void add(FollowUp followUp) {
        queue.add(followUp);
    }

    /** The next follow-up due at or before {@code tick}, or null. */
    public FollowUp pollDue(long tick) {
        FollowUp head = queue.peek();
        return head != null && head.dueTick() <= tick ? queue.poll() : null;
    }

    public int size() {
        return queue.size();
    }
}
