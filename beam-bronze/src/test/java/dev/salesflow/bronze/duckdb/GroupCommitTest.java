package dev.salesflow.bronze.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.bronze.BronzeEvent;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @TempDir
    Path dir;

    private DuckDbWarehouse warehouse;
    private GroupCommit<BronzeEvent> events;
    private final List<DuckDBConnection> connections = new ArrayList<>();

    @BeforeEach
    void openWarehouse() {
        String file = dir.resolve("warehouse.duckdb").toString();
        warehouse = DuckDbWarehouse.open(Path.of(file));
        BronzeTables.create(warehouse);
        events = GroupCommit.of(file, BronzeTables.EVENTS, new WriteEventsFn.EventRows());
    }

    @AfterEach
    void close() throws SQLException {
        for (DuckDBConnection connection : connections) {
            connection.close();
        }
        warehouse.close();
    }

    private DuckDBConnection writer() throws SQLException {
        DuckDBConnection connection = warehouse.connect().unwrap(DuckDBConnection.class);
        connection.setAutoCommit(false);
        events.createStaging(connection);
        connection.commit();
        connections.add(connection);
        return connection;
    }

    private static BronzeEvent event(String eventId, String messageId) {
        return new BronzeEvent(
                eventId,
                "SalePlacedEvent",
                null,
                "Sale",
                "s-1",
                0,
                Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:04:06.123Z"),
                "{\"saleId\":\"s-1\"}",
                "{}",
                messageId,
                "{\"event_id\":\"" + eventId + "\"}");
    }

    private List<String> landed() {
        return warehouse.query(
                "select event_id || '@' || pubsub_message_id from " + BronzeTables.EVENTS + " order by 1",
                r -> r.getString(1));
    }

    @Test
    void keepsTheFirstOfDuplicatesInsideOneBatch() throws SQLException {
        long inserted = events.write(List.of(event("e-1", "m1"), event("e-2", "m2"), event("e-1", "m3")), writer())
                .inserted();

        assertThat(inserted).isEqualTo(2);
        assertThat(landed()).containsExactly("e-1@m1", "e-2@m2");
    }

    @Test
    void skipsEventsLandedByAnEarlierBatch() throws SQLException {
        DuckDBConnection connection = writer();
        events.write(List.of(event("e-1", "m1")), connection);

        long inserted = events.write(List.of(event("e-1", "m9"), event("e-3", "m3")), connection)
                .inserted();

        assertThat(inserted).isEqualTo(1);
        assertThat(landed()).containsExactly("e-1@m1", "e-3@m3");
    }

    @Test
    void concurrentWritersOfOverlappingRedeliveriesLandEachEventOnce() throws Exception {
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Callable<Long>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            DuckDBConnection connection = writer();
            int offset = w;
            work.add(() -> {
                long inserted = 0;
                for (int round = 0; round < 25; round++) {
                    // Every writer sees every event id: as if each message were delivered four times.
                    List<BronzeEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        batch.add(event("e-" + (round * 10 + i), "m-" + offset + "-" + round + "-" + i));
                    }
                    inserted += events.write(batch, connection).inserted();
                }
                return inserted;
            });
        }
        long total = 0;
        for (Future<Long> result : pool.invokeAll(work)) {
            total += result.get();
        }
        pool.shutdown();

        assertThat(total).isEqualTo(250);
        assertThat(warehouse.count(BronzeTables.EVENTS)).isEqualTo(250);
        assertThat(warehouse.query("select count(distinct event_id) from " + BronzeTables.EVENTS, r -> r.getLong(1)))
                .containsExactly(250L);
    }

    /** Passes the parser (a valid RFC 3339 time) but DuckDB's timestamp cannot hold it. */
    private static BronzeEvent farFuture(String eventId, String messageId) {
        return new BronzeEvent(
                eventId,
                "SalePlacedEvent",
                null,
                "Sale",
                "s-1",
                0,
                Instant.parse("+999999-01-01T00:00:00Z"),
                null,
                "{}",
                "{}",
                messageId,
                "{}");
    }

    private static BronzeEvent noType(String eventId, String messageId) {
        return new BronzeEvent(eventId, null, null, "Sale", "s-1", 0, Instant.now(), null, "{}", "{}", messageId, "{}");
    }

    @Test
    void rowsTheTableRefusesAreRejectedWithTheirReasonAndTheRestLands() throws SQLException {
        DuckDBConnection connection = writer();

        GroupCommit.Written<BronzeEvent> written = events.write(
                List.of(
                        event("e-1", "m1"),
                        noType("e-2", "m2"),
                        event("e-3", "m3"),
                        farFuture("e-4", "m4"),
                        event("e-5", "m5")),
                connection);

        assertThat(written.inserted()).isEqualTo(3);
        assertThat(landed()).containsExactly("e-1@m1", "e-3@m3", "e-5@m5");
        assertThat(written.rejected()).extracting(r -> r.row().eventId()).containsExactly("e-2", "e-4");
        assertThat(written.rejected().get(0).reason())
                .startsWith("sales_bronze.sales_events refused this row, alone,"
                        + " while it took a probe row: java.sql.SQLException")
                .contains("event_type");
        assertThat(written.rejected().get(1).reason())
                .isEqualTo("sales_bronze.sales_events refused this row, alone,"
                        + " while it took a probe row: java.lang.ArithmeticException: long overflow");
        // A refused row alone in its batch is refused as well: the probe shows the table takes writes.
        assertThat(events.write(List.of(farFuture("e-6", "m6")), connection).rejected())
                .hasSize(1);
        assertThat(warehouse.count(BronzeTables.EVENTS)).isEqualTo(3); // the probe row was rolled back
    }

    @Test
    void oneBadBatchInAGroupFailsNoOtherBatch() throws SQLException {
        DuckDBConnection connection = writer();

        List<Object> results = events.writeAsOneGroup(
                List.of(
                        List.of(event("e-1", "m1"), event("e-2", "m2")),
                        List.of(event("e-3", "m3"), farFuture("e-4", "m4")),
                        List.of(event("e-5", "m5"))),
                connection);

        assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(GroupCommit.Written.class));
        assertThat(results)
                .extracting(result -> ((GroupCommit.Written<?>) result).inserted())
                .containsExactly(2L, 1L, 1L);
        assertThat(((GroupCommit.Written<?>) results.get(1)).rejected()).hasSize(1);
        assertThat(landed()).containsExactly("e-1@m1", "e-2@m2", "e-3@m3", "e-5@m5");
    }

    @Test
    void aTableThatTakesNoWriteFailsTheCallerAndLeavesNothingBehind() throws SQLException {
        DuckDBConnection connection = writer();
        // As a full disk or a broken table would: no row can go in, so none is to blame.
        warehouse.execute("drop table " + BronzeTables.EVENTS);
        warehouse.execute("create table " + BronzeTables.EVENTS + " (event_id varchar primary key, event_type varchar,"
                + " event_revision varchar, aggregate_type varchar, aggregate_id varchar, sequence_number bigint,"
                + " occurred_at timestamp, published_at timestamp, payload json, raw_message varchar,"
                + " pubsub_message_id varchar, attributes json, ingested_at timestamp,"
                + " blocks_every_insert varchar not null)");

        assertThatThrownBy(() -> events.write(List.of(event("e-1", "m1"), event("e-2", "m2")), connection))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("failed, alone as well as in its group")
                .hasMessageContaining("blocks_every_insert");
        assertThat(landed()).isEmpty();
    }

    @Test
    void aRepeatedEventIdWithOtherContentIsRejectedAndATrueDuplicateIsNot() throws SQLException {
        DuckDBConnection connection = writer();
        events.write(List.of(event("e-1", "m1")), connection);
        BronzeEvent republished = new BronzeEvent(
                "e-1",
                "SalePlacedEvent",
                null,
                "Sale",
                "s-1",
                0,
                Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-02-02T00:00:00Z"),
                "{\"saleId\":\"s-1\"}",
                "{\"other\":\"envelope\"}",
                "m7",
                "{}");
        BronzeEvent changed = new BronzeEvent(
                "e-1",
                "SalePlacedEvent",
                null,
                "Sale",
                "s-1",
                3,
                Instant.parse("2026-01-02T03:04:05Z"),
                null,
                "{\"saleId\":\"s-2\"}",
                "{}",
                "m8",
                "{}");
        BronzeEvent sameBatchChange = new BronzeEvent(
                "e-9",
                "SaleCancelledEvent",
                null,
                "Sale",
                "s-1",
                0,
                Instant.parse("2026-01-02T03:04:05Z"),
                null,
                "{}",
                "{}",
                "m10",
                "{}");

        GroupCommit.Written<BronzeEvent> written =
                events.write(List.of(republished, changed, event("e-9", "m9"), sameBatchChange), connection);

        assertThat(written.inserted()).isEqualTo(1);
        assertThat(written.rejected())
                .extracting(r -> r.row().pubsubMessageId())
                .containsExactly("m8", "m10");
        assertThat(written.rejected().get(0).reason())
                .isEqualTo("event_id 'e-1' has already landed in"
                        + " sales_bronze.sales_events with other content (sequence_number, payload differ; landed from"
                        + " Pub/Sub message m1): one event id must always carry the same event, so this message is kept"
                        + " here and the landed row stays as it is");
        assertThat(written.rejected().get(1).reason()).contains("'e-9'", "(event_type, payload differ;", "message m9)");
        assertThat(landed()).containsExactly("e-1@m1", "e-9@m9");
    }

    @Test
    void oneGroupCommitPerTableAndFile() {
        String file = dir.resolve("warehouse.duckdb").toString();
        assertThat(GroupCommit.of(file, BronzeTables.EVENTS, new WriteEventsFn.EventRows()))
                .isSameAs(events);
        assertThat(IntStream.of(1)
                        .mapToObj(i -> GroupCommit.of(
                                dir.resolve("other.duckdb").toString(),
                                BronzeTables.EVENTS,
                                new WriteEventsFn.EventRows())))
                .doesNotContain(events);
    }
}
