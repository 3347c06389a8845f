package dev.salesflow.projection.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live adapter: Axon finds its handler, rows are written when the unit of work commits, not before. */
class ProjectionEventHandlerTest {

    static final TableSpec STATUS = new TableSpec(
            "t",
            "store_status",
            List.of(
                    Column.required("store_id", ColumnType.STRING),
                    Column.required("status", ColumnType.STRING),
                    Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("store_id"),
            "store_id");

    /** Open or closed, per store; ignores what its row already reflects. */
    @ProcessingGroup("store-status")
    static class StoreStatus implements Projection {
        @Override
        public List<TableSpec> tables() {
            return List.of(STATUS);
        }

        @EventHandler
        void on(StoreOpenedEvent opened, EventContext event, ProjectionRows rows) {
            status("OPEN", event, rows);
        }

        @EventHandler
        void on(StoreClosedEvent closed, EventContext event, ProjectionRows rows) {
            status("CLOSED", event, rows);
        }

        void status(String status, EventContext event, ProjectionRows rows) {
            List<Object[]> current = rows.of(STATUS, event.aggregateId());
            if (!current.isEmpty() && (Long) current.get(0)[2] >= event.sequenceNumber()) {
                return;
            }
            rows.put(
                    STATUS,
                    event.aggregateId(),
                    List.<Object[]>of(STATUS.row(event.aggregateId(), status, event.sequenceNumber())));
        }
    }

    @TempDir
    Path dir;

    @Test
    void rowsAreWrittenWhenTheUnitOfWorkCommits() throws Exception {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            ProjectionEventHandler handler = new ProjectionEventHandler(new StoreStatus(), store);
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(handler);

            DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(opened("s-1"));
            unit.execute(() -> {
                try {
                    adapter.handle(opened("s-1"));
                    adapter.handle(new GenericDomainEventMessage<>(
                            "Store", "s-1", 1, new StoreClosedEvent("s-1", Instant.EPOCH)));
                    assertThat(warehouse.count("t.store_status"))
                            .as("nothing written before the commit")
                            .isZero();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(warehouse.query(
                            "select status || '@' || last_sequence_number from t.store_status",
                            rows -> rows.getString(1)))
                    .containsExactly("CLOSED@1");
            assertThat(handler.lag().events())
                    .as("both events' lag recorded at the commit")
                    .isEqualTo(2);
            // The opening again (redelivered): its row already reflects a later event.
            adapter.handle(opened("s-1"));
            assertThat(warehouse.query("select status from t.store_status", rows -> rows.getString(1)))
                    .containsExactly("CLOSED");
        }
    }

    @Test
    void aFailedUnitOfWorkLeavesNothingInMemory() throws Exception {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            ProjectionEventHandler handler = new ProjectionEventHandler(new StoreStatus(), store);
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(handler);

            DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(opened("s-2"));
            assertThatThrownBy(() -> unit.execute(() -> {
                        try {
                            adapter.handle(opened("s-2"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        throw new IllegalStateException("the batch fails");
                    }))
                    .hasMessageContaining("the batch fails");

            assertThat(warehouse.count("t.store_status")).isZero();
            adapter.handle(opened("s-2"));
            assertThat(warehouse.count("t.store_status"))
                    .as("handled again, not skipped as already applied")
                    .isEqualTo(1);
        }
    }

    /** Like {@link StoreStatus}, but refuses store "s-bad" after it has put its row. */
    static final class RefusingStoreStatus extends StoreStatus {
        @Override
        void status(String status, EventContext event, ProjectionRows rows) {
            super.status(status, event, rows);
            if (event.aggregateId().equals("s-bad")) {
                throw new IllegalStateException("refused " + event.aggregateId());
            }
        }
    }

    @Test
    void anEventThatThrowsLeavesNoRowsWhileTheRestOfTheBatchIsWritten() throws Exception {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            ProjectionEventHandler handler = new ProjectionEventHandler(new RefusingStoreStatus(), store);
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(handler);

            DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(opened("s-ok"));
            unit.execute(() -> {
                try {
                    adapter.handle(opened("s-ok"));
                    // As Axon's dead-lettering invoker does: the event fails, the batch goes on.
                    assertThatThrownBy(() -> adapter.handle(opened("s-bad"))).hasMessageContaining("refused s-bad");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(warehouse.query("select store_id from t.store_status", rows -> rows.getString(1)))
                    .containsExactly("s-ok");
        }
    }

    private static GenericDomainEventMessage<StoreOpenedEvent> opened(String id) {
        return new GenericDomainEventMessage<>(
                "Store",
                id,
                0,
                new StoreOpenedEvent(id, "Shop", "DE", "Berlin", StoreKind.PHYSICAL, "EUR", Instant.EPOCH));
    }
}
