package dev.salesflow.app.silver;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.warehouse.ProjectionTableStores;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projections.customer.CustomersProjection;
import dev.salesflow.projections.product.ProductsProjection;
import dev.salesflow.projections.sale.SalesProjection;
import dev.salesflow.projections.store.StoresProjection;
import dev.salesflow.warehouse.DuckDbWarehouse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local warehouse file and the silver projections. Each projection runs in a
 * {@link ProjectionEventHandler} bean of its own, writing through its own store on the configured
 * warehouse ({@code salesflow.warehouse.kind}); each runs in the tracking processing group its
 * projection's {@code @ProcessingGroup} names (settings under
 * {@code axon.eventhandling.processors} in application.yml).
 */
@Configuration
public class ReadModelConfiguration {

    @Bean(destroyMethod = "close")
    DuckDbWarehouse warehouse(SalesflowProperties properties) {
        return DuckDbWarehouse.open(properties.warehouseFile());
    }

    /** Sale amounts are also converted to {@code salesflow.reporting-currency}. */
    @Bean
    ProjectionEventHandler silverSales(ProjectionTableStores stores, SalesflowProperties properties) {
        return new ProjectionEventHandler(new SalesProjection(properties.reportingCurrency()), stores.open());
    }

    @Bean
    ProjectionEventHandler silverCustomers(ProjectionTableStores stores) {
        return new ProjectionEventHandler(new CustomersProjection(), stores.open());
    }

    @Bean
    ProjectionEventHandler silverProducts(ProjectionTableStores stores) {
        return new ProjectionEventHandler(new ProductsProjection(), stores.open());
    }

    @Bean
    ProjectionEventHandler silverStores(ProjectionTableStores stores) {
        return new ProjectionEventHandler(new StoresProjection(), stores.open());
    }
}
