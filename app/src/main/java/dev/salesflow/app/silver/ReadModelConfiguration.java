package dev.salesflow.app.silver;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.projections.customer.CustomersProjection;
import dev.salesflow.projections.product.ProductsProjection;
import dev.salesflow.projections.sale.SalesProjection;
import dev.salesflow.projections.store.StoresProjection;
import dev.salesflow.projections.support.ProjectionEventHandler;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The warehouse and the projections that fill it. Each silver projection runs in a
 * {@link ProjectionEventHandler} bean of its own, which Axon finds as an event handler; the
 * {@link #silverProcessingGroups} module puts each one in the tracking processing group named after
 * its projection (configured under {@code axon.eventhandling.processors} in application.yml).
 */
@Configuration
public class ReadModelConfiguration {

    @Bean(destroyMethod = "close")
    DuckDbWarehouse warehouse(SalesflowProperties properties) {
        return DuckDbWarehouse.open(properties.warehouseFile());
    }

    /** One warehouse session per projection, closed after the processors have stopped. */
    @Bean(destroyMethod = "close")
    SilverTableStores silverTableStores(DuckDbWarehouse warehouse) {
        return new SilverTableStores(warehouse);
    }

    /**
     * @param reportingCurrency {@code salesflow.reporting-currency}: ISO code sale amounts are also
     *                          converted to (default EUR); changing it needs a replay of silver-sales
     */
    @Bean
    ProjectionEventHandler silverSales(SilverTableStores stores,
            @Value("${salesflow.reporting-currency:EUR}") String reportingCurrency) {
        return new ProjectionEventHandler(new SalesProjection(reportingCurrency), stores.open());
    }

    @Bean
    ProjectionEventHandler silverCustomers(SilverTableStores stores) {
        return new ProjectionEventHandler(new CustomersProjection(), stores.open());
    }

    @Bean
    ProjectionEventHandler silverProducts(SilverTableStores stores) {
        return new ProjectionEventHandler(new ProductsProjection(), stores.open());
    }

    @Bean
    ProjectionEventHandler silverStores(SilverTableStores stores) {
        return new ProjectionEventHandler(new StoresProjection(), stores.open());
    }

    /** Every projection handler in the processing group of its projection (one handler class, so by instance). */
    @Bean
    ConfigurerModule silverProcessingGroups(List<ProjectionEventHandler> handlers) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (ProjectionEventHandler handler : handlers) {
                processing.assignHandlerInstancesMatching(handler.processingGroup(), candidate -> candidate == handler);
            }
        });
    }
}
