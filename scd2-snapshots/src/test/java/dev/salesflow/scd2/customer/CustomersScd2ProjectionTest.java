package dev.salesflow.scd2.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.customer.CustomerRegisteredEvent;
import dev.salesflow.domain.api.customer.LoyaltyTier;
import dev.salesflow.scd2.ScdId;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Instant;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomersScd2ProjectionTest {

    @TempDir
    Path dir;

    @Test
    void aRegistrationOpensTheFirstVersionAtItsBusinessTimeOnceOnly() throws Exception {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"))) {
            AnnotationEventHandlerAdapter projection =
                    new AnnotationEventHandlerAdapter(new CustomersScd2Projection(warehouse));
            Instant registered = Instant.parse("2025-12-24T08:00:00Z");
            GenericDomainEventMessage<CustomerRegisteredEvent> event = new GenericDomainEventMessage<>("Customer",
                    "c-1", 0, new CustomerRegisteredEvent("c-1", "Ada L", "ada@example.com", "GB", "London",
                    "GBP", LoyaltyTier.STANDARD, registered));

            projection.handle(event);
            projection.handle(event);

            assertThat(warehouse.query("select dbt_scd_id, customer_id, city, dbt_valid_from::varchar,"
                            + " dbt_valid_to is null, dbt_updated_at::varchar from sales_snapshots.customers_scd2",
                    r -> String.join("|", r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            String.valueOf(r.getBoolean(5)), r.getString(6))))
                    .containsExactly(ScdId.of("c-1", 0) + "|c-1|London|2025-12-24 08:00:00|true|2025-12-24 08:00:00");
        }
    }
}
