package dev.salesflow.app.snapshots;

import dev.salesflow.projections.support.ProjectionEventHandler;
import dev.salesflow.scd2.customer.CustomersScd2Projection;
import dev.salesflow.scd2.product.ProductsScd2Projection;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableStore;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SCD2 histories ({@code customers-scd2}, {@code products-scd2}): each is the handler of its
 * own tracking processor (settings in application.yml) and writes through its own warehouse
 * session, since a {@link TableStore} serves one writer thread.
 */
@Configuration
public class SnapshotConfiguration {

    @Bean
    SnapshotStores snapshotStores(Warehouse warehouse) {
        if (!(warehouse instanceof DuckDbWarehouse duckDb)) {
            throw new IllegalStateException("The SCD2 histories need a table store for " + warehouse.getClass().getName()
                    + "; only the DuckDB warehouse has one so far");
        }
        return new SnapshotStores(new DuckDbTableStore(duckDb), new DuckDbTableStore(duckDb));
    }

    @Bean
    ProjectionEventHandler customersScd2Handler(SnapshotStores stores) {
        return new ProjectionEventHandler(new CustomersScd2Projection(), stores.customers());
    }

    @Bean
    ProjectionEventHandler productsScd2Handler(SnapshotStores stores) {
        return new ProjectionEventHandler(new ProductsScd2Projection(), stores.products());
    }

    /**
     * Every {@link ProjectionEventHandler} is one class, so Axon cannot tell their groups from an
     * annotation: each history's handler instance is assigned to the group its projection names.
     */
    @Bean
    ConfigurerModule snapshotProcessingGroups() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : new String[] {CustomersScd2Projection.NAME, ProductsScd2Projection.NAME}) {
                processing.assignHandlerInstancesMatching(group, handler ->
                        handler instanceof ProjectionEventHandler projection && group.equals(projection.processingGroup()));
            }
        });
    }

    /** One warehouse session per history, closed with the application. */
    record SnapshotStores(TableStore customers, TableStore products) implements AutoCloseable {

        @Override
        public void close() {
            customers.close();
            products.close();
        }
    }
}
