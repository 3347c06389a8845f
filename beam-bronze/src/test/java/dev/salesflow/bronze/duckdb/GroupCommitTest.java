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
        return new BronzeEvent(eventId, "SalePlacedEvent", null, "Sale", "s-1", 0,
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:06.123Z"),
                "{\"saleId\":\"s-1\"}", "{}", messageId, "{\"event_id\":\"" + eventId + "\"}");
    }

    private List<String> landed() {
        return warehouse.query("select event_id || '@' || pubsub_message_id from " + BronzeTables.EVENTS
                + " order by 1", r -> r.getString(1));
    }

    @Test
    void keepsTheFirstOfDuplicatesInsideOneBatch() throws SQLException {
        long inserted = events.write(List.of(event("e-1", "m1"), event("e-2", "m2"), event("e-1", "m3")), writer());

        assertThat(inserted).isEqualTo(2);
        assertThat(landed()).containsExactly("e-1@m1", "e-2@m2");
    }

    @Test
    void skipsEventsLandedByAnEarlierBatch() throws SQLException {
        DuckDBConnection connection = writer();
        events.write(List.of(event("e-1", "m1")), connection);

        long inserted = events.write(List.of(event("e-1", "m9"), event("e-3", "m3")), connection);

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
                    inserted += events.write(batch, connection);
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
        assertThat(warehouse.query("select count(distinct event_id) from " + BronzeTables.EVENTS,
                r -> r.getLong(1))).containsExactly(250L);
    }

    @Test
    void aFailedWriteFailsItsCallerAndLeavesNothingBehind() throws SQLException {
        DuckDBConnection connection = writer();
        BronzeEvent broken = new BronzeEvent("e-2", null, null, "Sale", "s-1", 0, Instant.now(), null, "{}", "{}",
                "m2", "{}");

        assertThatThrownBy(() -> events.write(List.of(event("e-1", "m1"), broken), connection))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("event_type");
        assertThat(landed()).isEmpty();

        // The failed transaction was rolled back, staging rows included: the next batch lands alone.
        assertThat(events.write(List.of(event("e-3", "m3")), connection)).isEqualTo(1);
        assertThat(landed()).containsExactly("e-3@m3");
    }

    @Test
    void oneGroupCommitPerTableAndFile() {
        String file = dir.resolve("warehouse.duckdb").toString();
        assertThat(GroupCommit.of(file, BronzeTables.EVENTS, new WriteEventsFn.EventRows())).isSameAs(events);
        assertThat(IntStream.of(1).mapToObj(i -> GroupCommit.of(dir.resolve("other.duckdb").toString(),
                BronzeTables.EVENTS, new WriteEventsFn.EventRows()))).doesNotContain(events);
    }
}
