package dev.salesflow.scd2.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.product.ProductRecategorisedEvent;
import dev.salesflow.events.product.ProductRepricedEvent;
import dev.salesflow.scd2.HistoryFixture;
import dev.salesflow.scd2.HistoryFixture.Delivery;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductsScd2ProjectionTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String[] ATTRIBUTES = {"sku", "brand", "category", "subcategory", "list_price", "currency", "status"};

    @TempDir
    Path dir;

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Delivery listed(String id, int minute) {
        return new Delivery(
                id,
                0,
                new ProductListedEvent(
                        id,
                        "SKU-1",
                        "Phone X",
                        "Acme",
                        "Phones",
                        "Smartphones",
                        new BigDecimal("499.00"),
                        "EUR",
                        at(minute)));
    }

    static Delivery repriced(String id, long seq, int minute, String from, String to) {
        return new Delivery(
                id, seq, new ProductRepricedEvent(id, new BigDecimal(from), new BigDecimal(to), "EUR", at(minute)));
    }

    static Delivery recategorised(String id, long seq, int minute, String category, String subcategory) {
        return new Delivery(id, seq, new ProductRecategorisedEvent(id, category, subcategory, at(minute)));
    }

    static Delivery discontinued(String id, long seq, int minute) {
        return new Delivery(id, seq, new ProductDiscontinuedEvent(id, at(minute)));
    }

    @Test
    void repricesRecategorisationAndDiscontinuationEachMakeAVersion() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new ProductsScd2Projection())) {
            history.deliver(List.of(
                    listed("p-1", 0),
                    repriced("p-1", 1, 1, "499.00", "449.00"),
                    recategorised("p-1", 2, 3, "Phones", "Refurbished"),
                    discontinued("p-1", 3, 7)));

            assertThat(history.versions("p-1", ATTRIBUTES))
                    .containsExactly(
                            "0|LISTED|09:00|09:01|SKU-1|Acme|Phones|Smartphones|499.0000|EUR|ACTIVE",
                            "1|REPRICED|09:01|09:03|SKU-1|Acme|Phones|Smartphones|449.0000|EUR|ACTIVE",
                            "2|RECATEGORISED|09:03|09:07|SKU-1|Acme|Phones|Refurbished|449.0000|EUR|ACTIVE",
                            "3|DISCONTINUED|09:07|null|SKU-1|Acme|Phones|Refurbished|449.0000|EUR|DISCONTINUED");
        }
    }

    @Test
    void aLateRepriceIsInsertedAtItsPlaceAndLaterVersionsCarryItsPrice() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new ProductsScd2Projection())) {
            history.deliver(List.of(
                    listed("p-1", 0),
                    recategorised("p-1", 1, 10, "Phones", "Refurbished"),
                    discontinued("p-1", 2, 20)));
            history.deliver(List.of(repriced("p-1", 3, 5, "499.00", "399.99")));
            // Delivered again, e.g. after a crash before the processor stored its token.
            history.deliver(List.of(repriced("p-1", 3, 5, "499.00", "399.99")));

            assertThat(history.versions("p-1", "subcategory", "list_price", "status"))
                    .containsExactly(
                            "0|LISTED|09:00|09:05|Smartphones|499.0000|ACTIVE",
                            "3|REPRICED|09:05|09:10|Smartphones|399.9900|ACTIVE",
                            "1|RECATEGORISED|09:10|09:20|Refurbished|399.9900|ACTIVE",
                            "2|DISCONTINUED|09:20|null|Refurbished|399.9900|DISCONTINUED");
        }
    }

    @Test
    void everyDeliveryOrderGivesTheSameTable() {
        List<Delivery> events = List.of(
                listed("p-1", 0),
                repriced("p-1", 1, 30, "499.00", "459.00"),
                discontinued("p-1", 2, 40),
                repriced("p-1", 3, 15, "459.00", "479.00"));
        try (HistoryFixture history =
                new HistoryFixture(dir.resolve("w.duckdb"), new ProductsScd2Projection()).keepInMemory()) {
            history.deliver(events);
            TableChecksum inSequence = history.checksum();
            for (List<Delivery> order : HistoryFixture.permutations(events)) {
                history.restart();
                history.deliver(order);
                assertThat(history.checksum())
                        .as(
                                "delivered as %s",
                                order.stream().map(Delivery::sequenceNumber).toList())
                        .isEqualTo(inSequence);
            }
            assertThat(history.versions("p-1", "list_price", "status"))
                    .containsExactly(
                            "0|LISTED|09:00|09:15|499.0000|ACTIVE",
                            "3|REPRICED|09:15|09:30|479.0000|ACTIVE",
                            "1|REPRICED|09:30|09:40|459.0000|ACTIVE",
                            "2|DISCONTINUED|09:40|null|459.0000|DISCONTINUED");
        }
    }
}
