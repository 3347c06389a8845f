package dev.salesflow.projection.runtime;

import dev.salesflow.warehouse.table.TableSpec;
import java.util.List;

/**
 * A read model computed from domain events, as a pure function of them, in the style of Axon's
 * annotated event handlers: the class names its processing group with {@code @ProcessingGroup} and
 * has one typed method per event it uses, annotated with {@code @EventHandler}:
 * {@code void on(CustomerMovedEvent event, EventContext context, ProjectionRows rows)}. It reads
 * and writes only through {@link ProjectionRows}, whose rows are grouped by aggregate. The live
 * Axon processor ({@link ProjectionEventHandler}) and a replay into shadow tables both hand events
 * to those methods through {@link #handle}, so a rebuild equals the live result.
 *
 * <p>Rules every projection keeps: rows of an aggregate are recomputed from that aggregate's state
 * (never incremented), so writing them twice changes nothing; an event whose sequence number the
 * rows already reflect is ignored; no wall-clock time goes into a row (times come from events).
 */
public interface Projection {

    /** Its name: the Axon processing group its {@code @ProcessingGroup} names, what the replay command calls it. */
    default String name() {
        return ProjectionHandlers.processingGroupOf(getClass());
    }

    /** The tables it owns (live names; a replay writes their shadows). */
    List<TableSpec> tables();

    /**
     * Hands one event to the {@code @EventHandler} method of its payload type (found once per class);
     * a payload the projection has no method for is ignored.
     */
    default void handle(Object payload, EventContext event, ProjectionRows rows) {
        ProjectionHandlers.of(getClass()).dispatch(this, payload, event, rows);
    }

    /** Fails now, with the reason, if the class's handlers or processing group are not well-formed. */
    static void check(Projection projection) {
        ProjectionHandlers.of(projection.getClass());
        projection.name();
    }
}
