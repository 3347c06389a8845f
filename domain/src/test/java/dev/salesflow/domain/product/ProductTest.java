package dev.salesflow.domain.product;

import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.ProductListedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final Instant LISTED_AT = Instant.parse("2024-01-15T08:00:00Z");
    private static final BigDecimal PRICE = new BigDecimal("1299.99");

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    @Test
    void listsProduct() {
        fixture.givenNoPriorActivity()
                .when(product("SKU-LAP-000001", "ThinkPad X1 Carbon", PRICE, "EUR"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductListedEvent("product-1", "SKU-LAP-000001", "ThinkPad X1 Carbon", "Lenovo",
                        "Laptops", PRICE, "EUR", LISTED_AT));
    }

    @Test
    void listsFreeProduct() {
        fixture.givenNoPriorActivity()
                .when(product("SKU-ACC-000002", "Sticker", BigDecimal.ZERO, "EUR"))
                .expectEvents(new ProductListedEvent("product-1", "SKU-ACC-000002", "Sticker", "Lenovo",
                        "Laptops", BigDecimal.ZERO, "EUR", LISTED_AT));
    }

    @Test
    void refusesNegativePrice() {
        expectRefusal(product("SKU-LAP-000001", "ThinkPad X1 Carbon", new BigDecimal("-1.00"), "EUR"),
                "Product: price must not be negative, was -1.00");
    }

    @Test
    void refusesMissingPrice() {
        expectRefusal(product("SKU-LAP-000001", "ThinkPad X1 Carbon", null, "EUR"), "Product: price is required");
    }

    @Test
    void refusesUnknownCurrency() {
        fixture.givenNoPriorActivity()
                .when(product("SKU-LAP-000001", "ThinkPad X1 Carbon", PRICE, "XYZ"))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("currency 'XYZ' is not an ISO-4217 code"));
    }

    @Test
    void refusesLowerCaseCurrency() {
        fixture.givenNoPriorActivity()
                .when(product("SKU-LAP-000001", "ThinkPad X1 Carbon", PRICE, "eur"))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("currency 'eur' is not an ISO-4217 code"));
    }

    @Test
    void refusesBlankSku() {
        expectRefusal(product(" ", "ThinkPad X1 Carbon", PRICE, "EUR"), "Product: sku is required");
    }

    @Test
    void refusesMissingSku() {
        expectRefusal(product(null, "ThinkPad X1 Carbon", PRICE, "EUR"), "Product: sku is required");
    }

    @Test
    void refusesBlankName() {
        expectRefusal(product("SKU-LAP-000001", "", PRICE, "EUR"), "Product: name is required");
    }

    @Test
    void refusesMissingListedAt() {
        expectRefusal(new ListProductCommand("product-1", "SKU-LAP-000001", "ThinkPad X1 Carbon", "Lenovo",
                "Laptops", PRICE, "EUR", null), "Product: listedAt is required");
    }

    private void expectRefusal(ListProductCommand command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static ListProductCommand product(String sku, String name, BigDecimal price, String currency) {
        return new ListProductCommand("product-1", sku, name, "Lenovo", "Laptops", price, currency, LISTED_AT);
    }
}
