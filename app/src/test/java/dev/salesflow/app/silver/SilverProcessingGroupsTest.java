package dev.salesflow.app.silver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.app.warehouse.ProjectionTableStores;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.projection.replay.ProjectionProcessors;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projections.SilverProjections;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application puts each silver handler in the processing group of its projection, and only there. */
class SilverProcessingGroupsTest {

    @TempDir
    Path dir;

    @Test
    void eachProjectionGetsItsOwnProcessorAndItsEvents() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                ProjectionTableStores stores = new ProjectionTableStores(() -> new DuckDbTableStore(warehouse))) {
            List<ProjectionEventHandler> handlers = new ArrayList<>();
            for (Projection projection : SilverProjections.all("EUR")) {
                handlers.add(new ProjectionEventHandler(projection, stores.open()));
            }
            Configurer configurer = DefaultConfigurer.defaultConfiguration()
                    .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
            configurer.eventProcessing().usingSubscribingEventProcessors();
            handlers.forEach(handler -> configurer.eventProcessing().registerEventHandler(c -> handler));
            configurer.eventProcessing(processing -> ProjectionProcessors.assignGroups(processing));
            Configuration axon = configurer.buildConfiguration();
            axon.start();
            try {
                assertThat(axon.eventProcessingConfiguration().eventProcessors().keySet())
                        .containsExactlyInAnyOrder(
                                "silver-sales", "silver-customers", "silver-products", "silver-stores");
                for (ProjectionEventHandler handler : handlers) {
                    EventProcessor processor = axon.eventProcessingConfiguration()
                            .eventProcessorByProcessingGroup(handler.processingGroup())
                            .orElseThrow();
                    assertThat(processor.getName())
                            .isEqualTo(handler.projection().name());
                }

                axon.eventStore()
                        .publish(
                                new GenericDomainEventMessage<>(
                                        "Store",
                                        "st-1",
                                        0,
                                        new StoreOpenedEvent(
                                                "st-1",
                                                "Mitte",
                                                "DE",
                                                "Berlin",
                                                StoreKind.PHYSICAL,
                                                "EUR",
                                                Instant.parse("2026-03-01T08:00:00Z"))),
                                new GenericDomainEventMessage<>(
                                        "Customer",
                                        "c-1",
                                        0,
                                        new CustomerRegisteredEvent(
                                                "c-1",
                                                "Ada",
                                                "ada@example.org",
                                                "DE",
                                                "Berlin",
                                                "EUR",
                                                LoyaltyTier.STANDARD,
                                                Instant.parse("2026-03-01T08:00:00Z"))));

                assertThat(warehouse.count("sales_silver.stores")).isEqualTo(1);
                assertThat(warehouse.count("sales_silver.customers")).isEqualTo(1);
                assertThat(warehouse.count("sales_silver.sale_lines")).isZero();
            } finally {
                axon.shutdown();
            }
        }
    }
}
