package dev.salesflow.eventstore;

import java.util.List;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

/**
 * Axon's JPA storage engine, except that no event reaches a tracking processor (the Pub/Sub relay,
 * the projections) before it is on disk.
 *
 * <p>Why: H2 writes committed transactions to its file in the background (every 500 ms by
 * default). Writing on every commit instead ({@code WRITE_DELAY=0}) cut the command side from
 * about 5,000 to about 1,250 sales/s (docs/status.md), yet without it a kill -9 could take back
 * events that bronze or silver had already received. Flushing once per batch read keeps the
 * guarantee that matters, that every event downstream is also in the store after a crash, at the
 * cost of one write per batch instead of one per command. What a crash can still lose is the last
 * fraction of a second of commands that nothing had read yet; the generator resumes from what the
 * store holds, so it sends them again.
 *
 * <p>The flush comes after the read: everything the read returned was committed before it, and
 * the flush writes every committed transaction.
 */
public class FlushBeforeReadStorageEngine extends JpaEventStorageEngine {

    private final DurableStore store;

    public FlushBeforeReadStorageEngine(JpaEventStorageEngine.Builder builder, DurableStore store) {
        super(builder);
        this.store = store;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
        if (!events.isEmpty()) {
            store.flush();
        }
        return events;
    }

    /**
     * Axon's query for a token with gaps is {@code globalIndex > :token OR globalIndex IN :gaps},
     * which H2 answers by walking the primary index from its first row: a cost that grows with the
     * store, paid by every fetch while commits of several command threads leave short-lived gaps.
     * The same rows, bounded below by the lowest gap, let H2 start the walk there.
     */
    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        return entityManager()
                .createQuery(
                        "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier,"
                                + " e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData FROM "
                                + domainEventEntryEntityName() + " e WHERE e.globalIndex >= :lowestGap AND"
                                + " (e.globalIndex > :token OR e.globalIndex IN :gaps) ORDER BY e.globalIndex ASC",
                        Object[].class)
                .setParameter("lowestGap", token.getGaps().first())
                .setParameter("token", token.getIndex())
                .setParameter("gaps", token.getGaps())
                .setMaxResults(batchSize())
                .getResultList();
    }

    /**
     * One batch of events after {@code lastToken}, upcast and deserialised as {@code readEvents}
     * would hand them to a processor, but of a size the caller chooses: a replay reads large
     * batches (fewer queries) where live processors keep the engine's small default.
     */
    public List<TrackedEventMessage<?>> readBatch(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> events = fetchTrackedEvents(lastToken, batchSize);
        return EventUtils.upcastAndDeserializeTrackedEvents(events.stream(), getEventSerializer(), upcasterChain)
                .toList();
    }

    /** Global index of the newest stored event; -1 if there is none. */
    public long headIndex() {
        TrackingToken head = createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
