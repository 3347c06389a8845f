package dev.salesflow.app.replay;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.events.sale.SaleCancelledEvent;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStores;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;

/**
 * Two small projections over real domain events, run live by Axon and rebuilt by the replay.
 * Imported by the replay tests' context; deliberately not a {@code @Configuration}, so that the
 * application's component scan in other tests does not pick it up.
 */
class ReplayTestProjections {

    static final TableSpec STORE_STATUS = new TableSpec(
            "replay_test",
            "store_status",
            List.of(
                    Column.required("store_id", ColumnType.STRING),
                    Column.required("status", ColumnType.STRING),
                    Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("store_id"),
            "store_id");

    static final TableSpec SALE_TOTALS = new TableSpec(
            "replay_test",
            "sale_totals",
            List.of(
                    Column.required("sale_id", ColumnType.STRING),
                    Column.required("customer_id", ColumnType.STRING),
                    Column.required("lines", ColumnType.INT64),
                    Column.required("quantity", ColumnType.INT64),
                    Column.required("status", ColumnType.STRING),
                    Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("sale_id"),
            "sale_id");

    @Bean(destroyMethod = "close")
    Warehouse warehouse(SalesflowProperties properties) {
        return DuckDbWarehouse.open(properties.warehouseFile());
    }

    /** The stores a replay opens. */
    @Bean
    TableStores tableStores(Warehouse warehouse) {
        return () -> new DuckDbTableStore((DuckDbWarehouse) warehouse);
    }

    @Bean(destroyMethod = "close")
    DuckDbTableStore storeStatusTables(Warehouse warehouse) {
        return new DuckDbTableStore((DuckDbWarehouse) warehouse);
    }

    @Bean(destroyMethod = "close")
    DuckDbTableStore saleTotalsTables(Warehouse warehouse) {
        return new DuckDbTableStore((DuckDbWarehouse) warehouse);
    }

    @Bean
    ProjectionEventHandler storeStatusHandler(DuckDbTableStore storeStatusTables) {
        return new ProjectionEventHandler(new StoreStatus(), storeStatusTables);
    }

    @Bean
    ProjectionEventHandler saleTotalsHandler(DuckDbTableStore saleTotalsTables) {
        return new ProjectionEventHandler(new SaleTotals(), saleTotalsTables);
    }

    @ProcessingGroup("test-store-status")
    static final class StoreStatus implements Projection {
        @Override
        public List<TableSpec> tables() {
            return List.of(STORE_STATUS);
        }

        @EventHandler
        void on(StoreOpenedEvent opened, EventContext event, ProjectionRows rows) {
            status("OPEN", event, rows);
        }

        @EventHandler
        void on(StoreClosedEvent closed, EventContext event, ProjectionRows rows) {
            status("CLOSED", event, rows);
        }

        private static void status(String status, EventContext event, ProjectionRows rows) {
            List<Object[]> current = rows.of(STORE_STATUS, event.aggregateId());
            if (!current.isEmpty() && (Long) current.get(0)[2] >= event.sequenceNumber()) {
                return;
            }
            rows.put(
                    STORE_STATUS,
                    event.aggregateId(),
                    List.<Object[]>of(STORE_STATUS.row(event.aggregateId(), status, event.sequenceNumber())));
        }
    }

    @ProcessingGroup("test-sale-totals")
    static final class SaleTotals implements Projection {
        @Override
        public List<TableSpec> tables() {
            return List.of(SALE_TOTALS);
        }

        @EventHandler
        void on(SalePlacedEvent placed, EventContext event, ProjectionRows rows) {
            if (!rows.ofNew(SALE_TOTALS, placed.saleId()).isEmpty()) {
                return;
            }
            long quantity =
                    placed.lines().stream().mapToLong(SaleLine::quantity).sum();
            rows.put(
                    SALE_TOTALS,
                    placed.saleId(),
                    List.<Object[]>of(SALE_TOTALS.row(
                            placed.saleId(),
                            placed.customerId(),
                            (long) placed.lines().size(),
                            quantity,
                            "PLACED",
                            event.sequenceNumber())));
        }

        @EventHandler
        void on(SaleFulfilledEvent fulfilled, EventContext event, ProjectionRows rows) {
            status("FULFILLED", event, rows);
        }

        @EventHandler
        void on(SaleCancelledEvent cancelled, EventContext event, ProjectionRows rows) {
            status("CANCELLED", event, rows);
        }

        private static void status(String status, EventContext event, ProjectionRows rows) {
            List<Object[]> current = rows.of(SALE_TOTALS, event.aggregateId());
            if (current.isEmpty() || (Long) current.get(0)[5] >= event.sequenceNumber()) {
                return;
            }
            Object[] row = current.get(0).clone();
            row[4] = status;
            row[5] = event.sequenceNumber();
            rows.put(SALE_TOTALS, event.aggregateId(), List.<Object[]>of(row));
        }
    }
}
