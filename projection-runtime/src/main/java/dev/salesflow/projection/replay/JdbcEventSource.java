package dev.salesflow.projection.replay;

import dev.salesflow.eventstore.DurableStore;
import dev.salesflow.eventstore.EventStoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Reads the event store for a replay with plain JDBC instead of the JPA engine the application
 * writes with: the same table ({@code domain_event_entry}, as Hibernate names Axon's
 * {@code DomainEventEntry} on H2 and PostgreSQL), the same serializer and upcasters, and Axon's
 * gap-aware tracking tokens, so a replay's token can be handed to the live processors.
 *
 * <p>Why: through JPA every row becomes a Hibernate result with its payload read as a LOB stream;
 * a replay reads the whole store, and that was most of its time (docs/status.md). The rows are
 * read by Axon's own JDBC engine ({@link JdbcEventStorageEngine}, range queries on the global
 * index, the same gap rules and defaults as the JPA engine), then upcast and deserialised exactly
 * as {@code readEvents} does for a live processor.
 *
 * <p>On H2 the payload and metadata columns are BLOBs, and H2 copies every BLOB of a result into
 * a temporary LOB before the first row is returned; the queries cast them to {@code VARBINARY}
 * (payloads are well under a kilobyte), which reads the bytes directly. PostgreSQL's are
 * {@code bytea} already.
 *
 * <p>As the live engine does, the store is made durable after each non-empty read (H2's
 * {@code CHECKPOINT}): nothing rebuilt from an event can outlive the event in a crash.
 */
public final class JdbcEventSource implements ReplayEventSource {

    /** Axon's event table with the column names Spring's JPA naming gives it. */
    public static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    private final Reader reader;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final DurableStore durable;
    private final int batchSize;

    /**
     * @param serializer the event serializer of the storage engine that wrote the events
     * @param upcasters  the upcaster chain of that engine (the application's, as live processors get them)
     * @param durable    makes the store durable after a read (null: nothing to do)
     * @param batchSize  events per query
     */
    public JdbcEventSource(
            DataSource dataSource,
            Serializer serializer,
            EventUpcaster upcasters,
            DurableStore durable,
            int batchSize) {
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.durable = durable;
        this.batchSize = batchSize;
        String fields = trackedEventFields(EventStoreDatabase.of(dataSource).embeddedH2());
        this.reader = new Reader(JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(upcasters)
                .schema(SCHEMA)
                .dataType(byte[].class)
                .batchSize(batchSize)
                .readEventDataWithoutGaps(
                        (connection, schema, after, size) -> readAfter(connection, fields, after, size, List.of()))
                .readEventDataWithGaps(
                        (connection, schema, after, size, gaps) -> readAfter(connection, fields, after, size, gaps)));
    }

    /** The columns Axon's JDBC engine reads by name, the binary ones as plain bytes. */
    private static String trackedEventFields(boolean h2) {
        String payload = h2 ? "cast(payload as varbinary) as payload" : "payload";
        String metaData = h2 ? "cast(meta_data as varbinary) as meta_data" : "meta_data";
        return String.join(
                ", ",
                "global_index",
                "event_identifier",
                "aggregate_identifier",
                "sequence_number",
                "type",
                "time_stamp",
                "payload_type",
                "payload_revision",
                payload,
                metaData);
    }

    /**
     * The events in the index window after {@code after} and those in {@code gaps} (as Axon's
     * statements select them), in index order.
     */
    private static PreparedStatement readAfter(
            Connection connection, String fields, long after, int size, List<Long> gaps) throws SQLException {
        String sql = "select " + fields + " from domain_event_entry where (global_index > ? and global_index <= ?)"
                + (gaps.isEmpty()
                        ? ""
                        : " or global_index in (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")")
                + " order by global_index asc";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, after);
        statement.setLong(2, after + size);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    @Override
    public List<? extends TrackedEventMessage<?>> nextBatch(TrackingToken token) {
        List<? extends TrackedEventData<?>> rows = reader.fetch(token, batchSize);
        if (rows.isEmpty()) {
            return List.of();
        }
        if (durable != null) {
            durable.flush();
        }
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)
                .toList();
    }

    @Override
    public long headPosition() {
        TrackingToken head = reader.createHeadToken();
        return head == null ? 0 : Math.max(0, head.position().orElse(0));
    }

    /** Axon's JDBC engine, used for its reads only (nothing is appended through it). */
    private static final class Reader extends JdbcEventStorageEngine {
        Reader(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        List<? extends TrackedEventData<?>> fetch(TrackingToken token, int size) {
            return fetchTrackedEvents(token, size);
        }
    }
}
