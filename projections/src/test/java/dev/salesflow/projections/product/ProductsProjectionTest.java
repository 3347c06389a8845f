package dev.salesflow.projections.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.product.ProductRecategorisedEvent;
import dev.salesflow.events.product.ProductRepricedEvent;
import dev.salesflow.projections.SilverHarness;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silver-products}: listing, repricing, recategorising, discontinuing; late changes lose. */
class ProductsProjectionTest {

    @TempDir
    Path dir;

    static Timestamp at(String instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void theRowShowsTheLatestPriceAndCategoryAndTheDiscontinuation() {
        try (SilverHarness silver = new SilverHarness(new ProductsProjection(), dir.resolve("w.duckdb"))) {
            silver.handle(
                    silver.event(
                            "Product",
                            "p-1",
                            new ProductListedEvent(
                                    "p-1",
                                    "SKU-1",
                                    "Phone",
                                    "Acme",
                                    "Phones",
                                    "Smartphones",
                                    new BigDecimal("499.00"),
                                    "EUR",
                                    Instant.parse("2026-03-01T00:00:00Z"))),
                    silver.event(
                            "Product",
                            "p-1",
                            new ProductRepricedEvent(
                                    "p-1",
                                    new BigDecimal("499.00"),
                                    new BigDecimal("449.00"),
                                    "EUR",
                                    Instant.parse("2026-03-04T00:00:00Z"))),
                    // stored after the 449 price but from before it
                    silver.event(
                            "Product",
                            "p-1",
                            new ProductRepricedEvent(
                                    "p-1",
                                    new BigDecimal("499.00"),
                                    new BigDecimal("479.00"),
                                    "EUR",
                                    Instant.parse("2026-03-02T00:00:00Z"))),
                    silver.event(
                            "Product",
                            "p-1",
                            new ProductRecategorisedEvent(
                                    "p-1", "Mobile", "Phones", Instant.parse("2026-03-03T00:00:00Z"))));
            Map<String, Object> active =
                    silver.rows(ProductsProjection.PRODUCTS).get(0);
            assertThat((BigDecimal) active.get("list_price")).isEqualByComparingTo("449.00");
            assertThat(active)
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("category", "Mobile")
                    .containsEntry("subcategory", "Phones")
                    .containsEntry("sku", "SKU-1")
                    .containsEntry("brand", "Acme")
                    .containsEntry("currency", "EUR")
                    .containsEntry("discontinued_at", null)
                    .containsEntry("listed_at", at("2026-03-01T00:00:00Z"))
                    .containsEntry("updated_at", at("2026-03-04T00:00:00Z"));

            silver.handle(silver.event(
                    "Product", "p-1", new ProductDiscontinuedEvent("p-1", Instant.parse("2026-03-06T00:00:00Z"))));
            assertThat(silver.rows(ProductsProjection.PRODUCTS))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("status", "DISCONTINUED")
                            .containsEntry("discontinued_at", at("2026-03-06T00:00:00Z"))
                            .containsEntry("updated_at", at("2026-03-06T00:00:00Z"))
                            .containsEntry("last_sequence_number", 4L));
        }
    }
}
