package dev.salesflow.projection.runtime;

import dev.salesflow.warehouse.table.TableSpec;
import java.util.List;

/**
 * A read model computed from domain events, as a pure function of them: it reads and writes
 * only through {@link ProjectionRows}, whose rows are grouped by aggregate. The live Axon
 * processor ({@link ProjectionEventHandler}) and a replay into shadow tables run this same code,
 * so a rebuild equals the live result.
 *
 * <p>Rules every projection keeps: rows of an aggregate are recomputed from that aggregate's state
 * (never incremented), so writing them twice changes nothing; an event whose sequence number the
 * rows already reflect is ignored; no wall-clock time goes into a row (times come from events).
 */
public interface Projection {

    /** Its name: the Axon processing group and what the replay command calls it. */
    String name();

    /** The tables it owns (live names; a replay writes their shadows). */
    List<TableSpec> tables();

    /** Applies one event; payloads it does not use are ignored. */
    void apply(Object payload, EventContext event, ProjectionRows rows);
}
