package dev.salesflow.app.silver;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.projections.sale.SaleLinesProjection;
import dev.salesflow.projections.store.StoresProjection;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The warehouse and the Axon projections that fill it; each projection is its own tracking processor. */
@Configuration
public class ReadModelConfiguration {

    @Bean(destroyMethod = "close")
    Warehouse warehouse(SalesflowProperties properties) {
        return DuckDbWarehouse.open(properties.warehouseFile());
    }

    @Bean
    SaleLinesProjection saleLinesProjection(Warehouse warehouse) {
        return new SaleLinesProjection(warehouse);
    }

    @Bean
    StoresProjection storesProjection(Warehouse warehouse) {
        return new StoresProjection(warehouse);
    }
}
