package dev.salesflow.projections.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.store.StoreKind;
import dev.salesflow.domain.api.store.StoreOpenedEvent;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresProjectionTest {

    @TempDir
    Path dir;

    @Test
    void withinOneBatchTheLastEventForAStoreWins() throws Exception {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"))) {
            AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new StoresProjection(warehouse));
            Instant at = Instant.parse("2026-01-05T09:00:00Z");
            List<EventMessage<?>> events = List.of(
                    GenericEventMessage.asEventMessage(new StoreOpenedEvent("st-1", "Old name", "DE", "Berlin",
                            StoreKind.PHYSICAL, "EUR", at)),
                    GenericEventMessage.asEventMessage(new StoreOpenedEvent("st-2", "Other", "FR", "Paris",
                            StoreKind.ONLINE, "EUR", at)),
                    GenericEventMessage.asEventMessage(new StoreOpenedEvent("st-1", "New name", "DE", "Berlin",
                            StoreKind.PHYSICAL, "CHF", at)));
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
            unitOfWork.executeWithResult(() -> {
                projection.handle(unitOfWork.getMessage());
                return null;
            });

            assertThat(warehouse.query("select store_id || ':' || name || ':' || kind || ':' || currency"
                            + " from sales_silver.stores order by 1",
                    r -> r.getString(1))).containsExactly("st-1:New name:PHYSICAL:CHF", "st-2:Other:ONLINE:EUR");
        }
    }
}
