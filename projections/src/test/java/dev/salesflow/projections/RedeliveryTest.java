package dev.salesflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerMovedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.events.fx.ExchangeRatesPublishedEvent;
import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.product.ProductRecategorisedEvent;
import dev.salesflow.events.product.ProductRepricedEvent;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.RefundedLine;
import dev.salesflow.events.sale.SaleCancelledEvent;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SaleRefundedEvent;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every event delivered twice changes nothing: handled twice in a row, again after all its
 * successors, and again after a restart (nothing in memory); the tables' checksums equal those of
 * a single delivery. One stream of every event type feeds each silver projection.
 */
class RedeliveryTest {

    @TempDir
    Path dir;

    /** The whole history, numbered per aggregate by {@code silver}. */
    static List<DomainEventMessage<?>> history(SilverHarness silver) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        Function<String, Instant> t = day -> Instant.parse("2026-03-" + day + "Z");
        events.add(silver.event(
                "Store",
                "st-1",
                new StoreOpenedEvent(
                        "st-1", "Mitte", "DE", "Berlin", StoreKind.PHYSICAL, "EUR", t.apply("01T08:00:00"))));
        events.add(silver.event(
                "Store",
                "st-2",
                new StoreOpenedEvent("st-2", "Web", "US", "Austin", StoreKind.ONLINE, "USD", t.apply("01T08:00:00"))));
        events.add(silver.event(
                "Product",
                "p-1",
                new ProductListedEvent(
                        "p-1",
                        "SKU-1",
                        "Phone",
                        "Acme",
                        "Phones",
                        "Smartphones",
                        new BigDecimal("500.00"),
                        "EUR",
                        t.apply("01T08:00:00"))));
        events.add(silver.event(
                "Product",
                "p-2",
                new ProductListedEvent(
                        "p-2",
                        "SKU-2",
                        "Case",
                        "Acme",
                        "Accessories",
                        "Cases",
                        new BigDecimal("20.00"),
                        "EUR",
                        t.apply("01T08:00:00"))));
        events.add(silver.event(
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
                        t.apply("01T08:00:00"))));
        events.add(silver.event(
                "ExchangeRates",
                "EUR",
                new ExchangeRatesPublishedEvent(
                        "EUR",
                        LocalDate.parse("2026-03-01"),
                        Map.of("USD", new BigDecimal("1.08"), "GBP", new BigDecimal("0.86")),
                        t.apply("01T00:00:00"))));
        events.add(silver.event(
                "Sale",
                "s-1",
                new SalePlacedEvent(
                        "s-1",
                        "c-1",
                        "st-2",
                        SalesChannel.WEB,
                        PaymentMethod.CARD,
                        "USD",
                        t.apply("01T10:00:00"),
                        List.of(
                                new SaleLine("p-1", 2, new BigDecimal("540.00"), new BigDecimal("40.00")),
                                new SaleLine("p-2", 3, new BigDecimal("21.60"))))));
        events.add(silver.event(
                "Sale",
                "s-2",
                new SalePlacedEvent(
                        "s-2",
                        "c-1",
                        "st-1",
                        SalesChannel.IN_STORE,
                        PaymentMethod.CASH,
                        "EUR",
                        t.apply("02T10:00:00"),
                        List.of(new SaleLine("p-2", 1, new BigDecimal("20.00"))))));
        events.add(
                silver.event("Customer", "c-1", new CustomerMovedEvent("c-1", "FR", "Paris", t.apply("04T08:00:00"))));
        events.add(silver.event("Sale", "s-1", new SaleFulfilledEvent("s-1", t.apply("02T09:00:00"))));
        events.add(silver.event("Sale", "s-2", new SaleCancelledEvent("s-2", "changed mind", t.apply("02T11:00:00"))));
        events.add(silver.event(
                "ExchangeRates",
                "EUR",
                new ExchangeRatesPublishedEvent(
                        "EUR",
                        LocalDate.parse("2026-03-03"),
                        Map.of("USD", new BigDecimal("1.12"), "GBP", new BigDecimal("0.84")),
                        t.apply("03T00:00:00"))));
        events.add(silver.event(
                "Sale",
                "s-1",
                new SaleRefundedEvent(
                        "s-1",
                        "r-1",
                        "USD",
                        List.of(new RefundedLine("p-2", 1, new BigDecimal("21.60"))),
                        new BigDecimal("21.60"),
                        "broken",
                        t.apply("03T10:00:00"))));
        events.add(silver.event(
                "Product",
                "p-1",
                new ProductRepricedEvent(
                        "p-1", new BigDecimal("500.00"), new BigDecimal("450.00"), "EUR", t.apply("03T00:00:00"))));
        // late: happened before the move already stored
        events.add(
                silver.event("Customer", "c-1", new CustomerMovedEvent("c-1", "IT", "Rome", t.apply("03T08:00:00"))));
        events.add(silver.event(
                "Customer", "c-1", new CustomerEmailChangedEvent("c-1", "ada@example.com", t.apply("05T08:00:00"))));
        events.add(silver.event(
                "Customer",
                "c-1",
                new CustomerLoyaltyTierChangedEvent("c-1", LoyaltyTier.SILVER, t.apply("05T09:00:00"))));
        events.add(silver.event(
                "Sale",
                "s-1",
                new SaleRefundedEvent(
                        "s-1",
                        "r-2",
                        "USD",
                        List.of(
                                new RefundedLine("p-1", 1, new BigDecimal("500.00")),
                                new RefundedLine("p-2", 2, new BigDecimal("43.20"))),
                        new BigDecimal("543.20"),
                        "returned",
                        t.apply("05T10:00:00"))));
        events.add(silver.event(
                "Product",
                "p-2",
                new ProductRecategorisedEvent("p-2", "Accessories", "Covers", t.apply("05T00:00:00"))));
        events.add(silver.event("Product", "p-2", new ProductDiscontinuedEvent("p-2", t.apply("06T00:00:00"))));
        events.add(silver.event("Store", "st-1", new StoreClosedEvent("st-1", t.apply("06T18:00:00"))));
        return events;
    }

    static boolean creates(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        return payload instanceof SalePlacedEvent
                || payload instanceof CustomerRegisteredEvent
                || payload instanceof ProductListedEvent
                || payload instanceof StoreOpenedEvent;
    }

    static void inBatchesOf(int size, List<DomainEventMessage<?>> events, SilverHarness silver) {
        for (int from = 0; from < events.size(); from += size) {
            silver.handle(events.subList(from, Math.min(events.size(), from + size)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"silver-sales", "silver-customers", "silver-products", "silver-stores"})
    void everyEventDeliveredTwiceGivesTheSameTables(String name) {
        List<TableChecksum> once;
        try (SilverHarness silver = new SilverHarness(projection(name), dir.resolve("once.duckdb"))) {
            inBatchesOf(4, history(silver), silver);
            once = silver.checksums();
        }
        assertThat(once).allSatisfy(checksum -> assertThat(checksum.rows()).isPositive());

        try (SilverHarness silver = new SilverHarness(projection(name), dir.resolve("twice.duckdb"))) {
            List<DomainEventMessage<?>> history = history(silver);
            List<DomainEventMessage<?>> doubled = new ArrayList<>();
            for (DomainEventMessage<?> event : history) {
                doubled.add(event);
                doubled.add(event);
            }
            inBatchesOf(5, doubled, silver);
            assertThat(silver.checksums()).as("each event twice in a row").isEqualTo(once);

            for (int i = history.size() - 1; i >= 0; i--) {
                silver.handle(history.get(i));
            }
            assertThat(silver.checksums())
                    .as("each event again after its successors")
                    .isEqualTo(once);

            silver.restart();
            inBatchesOf(3, history.stream().filter(event -> !creates(event)).toList(), silver);
            assertThat(silver.checksums())
                    .as("after a restart, every later event again")
                    .isEqualTo(once);
            inBatchesOf(7, history, silver);
            assertThat(silver.checksums())
                    .as("after a restart, the whole stream again")
                    .isEqualTo(once);
        }
    }

    static Projection projection(String name) {
        return SilverProjections.all("EUR").stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
