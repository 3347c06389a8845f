package dev.salesflow.domain.product;

import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.RecategoriseProductCommand;
import dev.salesflow.domain.api.product.RepriceProductCommand;
import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.product.ProductRecategorisedEvent;
import dev.salesflow.events.product.ProductRepricedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final String ID = "product-1";
    private static final Instant LISTED_AT = Instant.parse("2024-01-15T08:00:00Z");
    private static final Instant LATER = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant EARLIER = Instant.parse("2024-01-15T07:59:59Z");
    private static final BigDecimal PRICE = new BigDecimal("1299.99");
    private static final ProductListedEvent LISTED = new ProductListedEvent(
            ID,
            "SKU-LAP-000001",
            "ThinkPad X1 Carbon",
            "Lenovo",
            "Laptops",
            "Business laptops",
            PRICE,
            "EUR",
            LISTED_AT);
    private static final ProductDiscontinuedEvent DISCONTINUED = new ProductDiscontinuedEvent(ID, LATER);

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    // --- listing ------------------------------------------------------------------------------

    @Test
    void listsProductWithCategoryAndSubcategory() {
        fixture.givenNoPriorActivity()
                .when(list().build())
                .expectSuccessfulHandlerExecution()
                .expectEvents(LISTED);
    }

    @Test
    void listsFreeProduct() {
        fixture.givenNoPriorActivity()
                .when(list().price(BigDecimal.ZERO).build())
                .expectEvents(new ProductListedEvent(
                        ID,
                        "SKU-LAP-000001",
                        "ThinkPad X1 Carbon",
                        "Lenovo",
                        "Laptops",
                        "Business laptops",
                        BigDecimal.ZERO,
                        "EUR",
                        LISTED_AT));
    }

    @Test
    void listsProductInYenWithoutMinorUnits() {
        fixture.givenNoPriorActivity()
                .when(list().price(new BigDecimal("189800")).currency("JPY").build())
                .expectEvents(new ProductListedEvent(
                        ID,
                        "SKU-LAP-000001",
                        "ThinkPad X1 Carbon",
                        "Lenovo",
                        "Laptops",
                        "Business laptops",
                        new BigDecimal("189800"),
                        "JPY",
                        LISTED_AT));
    }

    @Test
    void listingWithNegativePriceIsRefused() {
        expectRefusal(
                list().price(new BigDecimal("-1.00")), "Product product-1: price must not be negative, was -1.00");
    }

    @Test
    void listingWithoutPriceIsRefused() {
        expectRefusal(list().price(null), "Product product-1: price is required");
    }

    @Test
    void listingWithFractionsOfACentIsRefused() {
        expectRefusal(
                list().price(new BigDecimal("9.999")),
                "Product product-1: price 9.999 has more than 2 decimals, which EUR does not have");
    }

    @Test
    void listingInYenWithDecimalsIsRefused() {
        expectRefusal(
                list().price(new BigDecimal("1500.5")).currency("JPY"),
                "Product product-1: price 1500.5 has more than 0 decimals, which JPY does not have");
    }

    @Test
    void listingInUnknownCurrencyIsRefused() {
        expectRefusal(
                list().currency("XYZ"),
                "Product product-1: currency 'XYZ' is not an ISO-4217 code (for example EUR, USD, GBP)");
    }

    @Test
    void listingInLowerCaseCurrencyIsRefused() {
        expectRefusalContaining(list().currency("eur"), "currency 'eur' is not an ISO-4217 code");
    }

    @Test
    void listingInTestCurrencyIsRefused() {
        expectRefusal(
                list().currency("XTS"),
                "Product product-1: currency 'XTS' is an ISO-4217 code but no country's"
                        + " money (metals, funds, test and withdrawn codes are refused)");
    }

    @Test
    void listingInWithdrawnCurrencyIsRefused() {
        expectRefusalContaining(list().currency("DEM"), "currency 'DEM' is an ISO-4217 code but no country's money");
    }

    @Test
    void listingInWestAfricanFrancIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(list().price(new BigDecimal("650000")).currency("XOF").build())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void listingWithoutIdIsRefused() {
        expectRefusal(list().id(null), "Product: productId is required");
    }

    @Test
    void listingWithBlankSkuIsRefused() {
        expectRefusal(list().sku(" "), "Product product-1: sku is required");
    }

    @Test
    void listingWithBlankNameIsRefused() {
        expectRefusal(list().name(""), "Product product-1: name is required");
    }

    @Test
    void listingWithoutBrandIsRefused() {
        expectRefusal(list().brand(null), "Product product-1: brand is required");
    }

    @Test
    void listingWithoutCategoryIsRefused() {
        expectRefusal(list().category(" "), "Product product-1: category is required");
    }

    @Test
    void listingWithoutSubcategoryIsRefused() {
        expectRefusal(list().subcategory(null), "Product product-1: subcategory is required");
    }

    @Test
    void listingWithoutListedAtIsRefused() {
        expectRefusal(list().at(null), "Product product-1: listedAt is required");
    }

    // --- reprice ------------------------------------------------------------------------------

    @Test
    void repriceCarriesPreviousPriceAndCurrency() {
        fixture.given(LISTED)
                .when(new RepriceProductCommand(ID, new BigDecimal("1199.00"), LATER))
                .expectEvents(new ProductRepricedEvent(ID, PRICE, new BigDecimal("1199.00"), "EUR", LATER));
    }

    @Test
    void secondRepriceCarriesTheFirstRepricesPriceAsPrevious() {
        fixture.given(LISTED, new ProductRepricedEvent(ID, PRICE, new BigDecimal("1199.00"), "EUR", LATER))
                .when(new RepriceProductCommand(ID, new BigDecimal("999.00"), LATER.plusSeconds(1)))
                .expectEvents(new ProductRepricedEvent(
                        ID, new BigDecimal("1199.00"), new BigDecimal("999.00"), "EUR", LATER.plusSeconds(1)));
    }

    @Test
    void repriceToZeroIsAccepted() {
        fixture.given(LISTED)
                .when(new RepriceProductCommand(ID, BigDecimal.ZERO, LATER))
                .expectEvents(new ProductRepricedEvent(ID, PRICE, BigDecimal.ZERO, "EUR", LATER));
    }

    @Test
    void repriceToTheSamePriceEmitsNothingEvenWithOtherScale() {
        fixture.given(LISTED)
                .when(new RepriceProductCommand(ID, new BigDecimal("1299.990"), LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repriceToNegativePriceIsRefused() {
        expectRefusal(
                new RepriceProductCommand(ID, new BigDecimal("-0.01"), LATER),
                "Product product-1: price must not be negative, was -0.01");
    }

    @Test
    void repriceWithoutPriceIsRefused() {
        expectRefusal(new RepriceProductCommand(ID, null, LATER), "Product product-1: price is required");
    }

    @Test
    void repriceWithMoreDecimalsThanTheListedCurrencyIsRefused() {
        expectRefusal(
                new RepriceProductCommand(ID, new BigDecimal("1199.005"), LATER),
                "Product product-1: price 1199.005 has more than 2 decimals, which EUR does not have");
    }

    @Test
    void repriceWithoutTimeIsRefused() {
        expectRefusal(new RepriceProductCommand(ID, BigDecimal.ONE, null), "Product product-1: repricedAt is required");
    }

    @Test
    void repriceBeforeListingIsRefused() {
        expectRefusal(
                new RepriceProductCommand(ID, BigDecimal.ONE, EARLIER),
                "Product product-1: repricedAt " + EARLIER + " is before the listing at " + LISTED_AT);
    }

    @Test
    void repriceOfDiscontinuedProductIsRefused() {
        fixture.given(LISTED, DISCONTINUED)
                .when(new RepriceProductCommand(ID, BigDecimal.ONE, LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("Product product-1: cannot be repriced, it is discontinued since " + LATER);
    }

    // --- recategorise -------------------------------------------------------------------------

    @Test
    void recategorisationIsRecorded() {
        fixture.given(LISTED)
                .when(new RecategoriseProductCommand(ID, "Laptops", "Ultrabooks", LATER))
                .expectEvents(new ProductRecategorisedEvent(ID, "Laptops", "Ultrabooks", LATER));
    }

    @Test
    void recategorisationToTheSameCategoriesEmitsNothing() {
        fixture.given(LISTED)
                .when(new RecategoriseProductCommand(ID, "Laptops", "Business laptops", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resentRecategorisationEmitsNothing() {
        fixture.given(LISTED, new ProductRecategorisedEvent(ID, "Computers", "Laptops", LATER))
                .when(new RecategoriseProductCommand(ID, "Computers", "Laptops", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recategorisationWithoutCategoryIsRefused() {
        expectRefusal(
                new RecategoriseProductCommand(ID, null, "Ultrabooks", LATER),
                "Product product-1: category is required");
    }

    @Test
    void recategorisationWithoutSubcategoryIsRefused() {
        expectRefusal(
                new RecategoriseProductCommand(ID, "Laptops", " ", LATER),
                "Product product-1: subcategory is required");
    }

    @Test
    void recategorisationWithoutTimeIsRefused() {
        expectRefusal(
                new RecategoriseProductCommand(ID, "Laptops", "Ultrabooks", null),
                "Product product-1: recategorisedAt is required");
    }

    @Test
    void recategorisationBeforeListingIsRefused() {
        expectRefusal(
                new RecategoriseProductCommand(ID, "Laptops", "Ultrabooks", EARLIER),
                "Product product-1: recategorisedAt " + EARLIER + " is before the listing at " + LISTED_AT);
    }

    @Test
    void recategorisationOfDiscontinuedProductIsRefused() {
        fixture.given(LISTED, DISCONTINUED)
                .when(new RecategoriseProductCommand(ID, "Laptops", "Ultrabooks", LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(
                        "Product product-1: cannot be recategorised, it is discontinued since " + LATER);
    }

    // --- discontinue --------------------------------------------------------------------------

    @Test
    void discontinuationIsRecorded() {
        fixture.given(LISTED).when(new DiscontinueProductCommand(ID, LATER)).expectEvents(DISCONTINUED);
    }

    @Test
    void discontinuingAgainEmitsNothing() {
        fixture.given(LISTED, DISCONTINUED)
                .when(new DiscontinueProductCommand(ID, LATER.plusSeconds(3600)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void discontinuationWithoutTimeIsRefused() {
        expectRefusal(new DiscontinueProductCommand(ID, null), "Product product-1: discontinuedAt is required");
    }

    @Test
    void discontinuationBeforeListingIsRefused() {
        expectRefusal(
                new DiscontinueProductCommand(ID, EARLIER),
                "Product product-1: discontinuedAt " + EARLIER + " is before the listing at " + LISTED_AT);
    }

    // --- helpers ------------------------------------------------------------------------------

    private void expectRefusal(Listing command, String message) {
        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private void expectRefusalContaining(Listing command, String message) {
        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString(message));
    }

    private void expectRefusal(Object command, String message) {
        fixture.given(LISTED)
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static Listing list() {
        return new Listing();
    }

    /** A valid listing by default; each test breaks one thing. */
    private static final class Listing {
        private String id = ID;
        private String sku = "SKU-LAP-000001";
        private String name = "ThinkPad X1 Carbon";
        private String brand = "Lenovo";
        private String category = "Laptops";
        private String subcategory = "Business laptops";
        private BigDecimal price = PRICE;
        private String currency = "EUR";
        private Instant at = LISTED_AT;

        Listing id(String value) {
            id = value;
            return this;
        }

        Listing sku(String value) {
            sku = value;
            return this;
        }

        Listing name(String value) {
            name = value;
            return this;
        }

        Listing brand(String value) {
            brand = value;
            return this;
        }

        Listing category(String value) {
            category = value;
            return this;
        }

        Listing subcategory(String value) {
            subcategory = value;
            return this;
        }

        Listing price(BigDecimal value) {
            price = value;
            return this;
        }

        Listing currency(String value) {
            currency = value;
            return this;
        }

        Listing at(Instant value) {
            at = value;
            return this;
        }

        ListProductCommand build() {
            return new ListProductCommand(id, sku, name, brand, category, subcategory, price, currency, at);
        }
    }
}
