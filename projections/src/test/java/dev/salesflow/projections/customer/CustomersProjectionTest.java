package dev.salesflow.projections.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerMovedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.projections.SilverHarness;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silver-customers}: the current state, as of the latest business time of each attribute. */
class CustomersProjectionTest {

    static final Instant REGISTERED = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    static Timestamp at(String instant) {
        return Timestamp.valueOf(java.time.LocalDateTime.ofInstant(Instant.parse(instant), java.time.ZoneOffset.UTC));
    }

    @Test
    void everyChangeIsAppliedInBusinessTimeOrder() {
        try (SilverHarness silver = new SilverHarness(new CustomersProjection(), dir.resolve("w.duckdb"))) {
            silver.handle(
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerRegisteredEvent(
                                    "c-1",
                                    "Ada",
                                    "ada@example.org",
                                    "DE",
                                    "Berlin",
                                    "EUR",
                                    LoyaltyTier.STANDARD,
                                    REGISTERED)),
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerMovedEvent("c-1", "FR", "Lyon", Instant.parse("2026-03-02T09:00:00Z"))),
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerEmailChangedEvent(
                                    "c-1", "ada@example.com", Instant.parse("2026-03-03T09:00:00Z"))),
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerLoyaltyTierChangedEvent(
                                    "c-1", LoyaltyTier.GOLD, Instant.parse("2026-03-04T09:00:00Z"))));

            assertThat(silver.rows(CustomersProjection.CUSTOMERS))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("customer_id", "c-1")
                            .containsEntry("name", "Ada")
                            .containsEntry("email", "ada@example.com")
                            .containsEntry("country", "FR")
                            .containsEntry("city", "Lyon")
                            .containsEntry("preferred_currency", "EUR")
                            .containsEntry("loyalty_tier", "GOLD")
                            .containsEntry("registered_at", at("2026-03-01T09:00:00Z"))
                            .containsEntry("updated_at", at("2026-03-04T09:00:00Z"))
                            .containsEntry("last_sequence_number", 3L));
        }
    }

    @Test
    void aChangeFromEarlierInBusinessTimeDoesNotOverrideALaterOne() {
        try (SilverHarness silver = new SilverHarness(new CustomersProjection(), dir.resolve("w.duckdb"))) {
            silver.handle(
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerRegisteredEvent(
                                    "c-1",
                                    "Ada",
                                    "ada@example.org",
                                    "DE",
                                    "Berlin",
                                    "EUR",
                                    LoyaltyTier.STANDARD,
                                    REGISTERED)),
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerMovedEvent("c-1", "FR", "Lyon", Instant.parse("2026-03-05T09:00:00Z"))));
            // Stored later, but happened before the move: the move stays; other attributes still change.
            silver.handle(
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerMovedEvent("c-1", "IT", "Rome", Instant.parse("2026-03-03T09:00:00Z"))),
                    silver.event(
                            "Customer",
                            "c-1",
                            new CustomerEmailChangedEvent(
                                    "c-1", "ada@example.com", Instant.parse("2026-03-04T09:00:00Z"))));

            Map<String, Object> row = silver.rows(CustomersProjection.CUSTOMERS).get(0);
            assertThat(row)
                    .containsEntry("country", "FR")
                    .containsEntry("city", "Lyon")
                    .containsEntry("address_changed_at", at("2026-03-05T09:00:00Z"))
                    .containsEntry("email", "ada@example.com")
                    .containsEntry("email_changed_at", at("2026-03-04T09:00:00Z"))
                    .containsEntry("updated_at", at("2026-03-05T09:00:00Z"))
                    .containsEntry("last_sequence_number", 3L);
        }
    }
}
