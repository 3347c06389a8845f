package dev.salesflow.projection.runtime;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs a {@link Projection} live, as the event handler of its own Axon processing group: the one
 * the projection's {@code @ProcessingGroup} names ({@link #processingGroup()}, read by
 * {@code ProjectionProcessors}). A tracking processor hands it a batch
 * of events in one unit of work; the changed rows are written when that unit of work commits,
 * before the processor stores its token. If the write fails, the rows in memory are discarded and
 * the batch fails, to be handled again from the store's state: nothing is skipped or applied twice.
 */
public class ProjectionEventHandler {

    /** Aggregates per table kept in memory between batches: recent sales, every customer of a shop. */
    public static final int CACHED_AGGREGATES = 50_000;

    private final Projection projection;
    private final TableStore store;
    private final ProjectionRows rows;
    private final String resourceKey;
    private final ProjectionLag lag = new ProjectionLag(Clock.systemUTC());
    private final ProjectionLag.Batch batch = new ProjectionLag.Batch();
    /**
     * Held by one unit of work at a time, from its first event to its clean-up: the processor's
     * batches and dead-letter retries (which run on another thread) share {@link #rows}.
     */
    private final ReentrantLock lock = new ReentrantLock();

    private final boolean startedWithNewTables;

    public ProjectionEventHandler(Projection projection, TableStore store) {
        Projection.check(projection);
        this.projection = projection;
        this.store = store;
        this.rows = new ProjectionRows(store, projection.tables(), false, CACHED_AGGREGATES);
        this.resourceKey = ProjectionEventHandler.class.getName() + "/" + projection.name();
        this.startedWithNewTables = createTables();
    }

    /**
     * Whether a table of this projection did not exist (with these columns) when the handler was
     * created: a first start, or an upgrade that changed a table's shape. Its processor must then
     * start from the first event, whatever token it holds.
     */
    public boolean startedWithNewTables() {
        return startedWithNewTables;
    }

    /** The processing group the projection's {@code @ProcessingGroup} names. */
    public String processingGroup() {
        return projection.name();
    }

    public Projection projection() {
        return projection;
    }

    /** Event creation to rows written, for the live events handled recently. */
    public ProjectionLag.Summary lag() {
        return lag.summary();
    }

    @EventHandler(payloadType = DomainEvent.class)
    public void on(EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> event)) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            lock.lock();
            try {
                batch.add(event.getTimestamp());
                apply(event);
                flush();
            } finally {
                lock.unlock();
            }
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.getOrComputeResource(resourceKey, key -> {
            lock.lock();
            root.onPrepareCommit(unit -> flush());
            root.onRollback(unit -> {
                rows.discard();
                batch.clear();
            });
            root.onCleanup(unit -> lock.unlock());
            return Boolean.TRUE;
        });
        batch.add(event.getTimestamp());
        apply(event);
    }

    /** All or nothing: an event that throws (to be dead-lettered) leaves the rows as they were. */
    private void apply(DomainEventMessage<?> event) {
        rows.atomically(() -> projection.handle(
                event.getPayload(),
                new EventContext(event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber()),
                rows));
    }

    private void flush() {
        rows.flush();
        batch.recordTo(lag);
    }

    /**
     * Forgets the rows held in memory: after a replay switched the tables underneath, they would be
     * those of the old tables. Call only while the processor is stopped.
     */
    public void forgetCachedRows() {
        rows.discard();
    }

    /** Axon resets the processor's token to replay: start the tables over. */
    @ResetHandler
    public void reset() {
        rows.discard();
        for (TableSpec table : projection.tables()) {
            store.drop(table);
        }
        createTables();
    }

    private boolean createTables() {
        boolean created = false;
        for (TableSpec table : projection.tables()) {
            created |= store.create(table);
        }
        return created;
    }
}
