package dev.salesflow.app.snapshots;

import dev.salesflow.app.warehouse.ProjectionTableStores;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.scd2.customer.CustomersScd2Projection;
import dev.salesflow.scd2.product.ProductsScd2Projection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SCD2 histories ({@code customers-scd2}, {@code products-scd2}): each is the handler of its
 * own tracking processor (settings in application.yml; the group is the one the projection's
 * {@code @ProcessingGroup} names) and writes through its own store, since a store serves one writer thread.
 */
@Configuration
public class SnapshotConfiguration {

    @Bean
    ProjectionEventHandler customersScd2Handler(ProjectionTableStores stores) {
        return new ProjectionEventHandler(new CustomersScd2Projection(), stores.open());
    }

    @Bean
    ProjectionEventHandler productsScd2Handler(ProjectionTableStores stores) {
        return new ProjectionEventHandler(new ProductsScd2Projection(), stores.open());
    }
}
