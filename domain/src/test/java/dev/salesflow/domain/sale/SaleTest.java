package dev.salesflow.domain.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SalesChannel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Placing a sale: its own line rules and the rules it checks against other aggregates. */
class SaleTest {

    static final String SALE_ID = "sale-1";
    static final Instant PLACED_AT = Instant.parse("2024-03-01T10:15:30Z");
    static final Instant REGISTERED_AT = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant OPENED_AT = Instant.parse("2023-01-01T00:00:00Z");
    static final Instant LISTED_AT = Instant.parse("2023-06-01T00:00:00Z");
    static final SaleLine PHONE = new SaleLine("product-phone", 1, new BigDecimal("899.00"));
    static final SaleLine CABLE = new SaleLine("product-cable", 3, new BigDecimal("12.99"), new BigDecimal("1.00"));

    private FixtureConfiguration<Sale> fixture;
    private InMemorySaleParties parties;

    @BeforeEach
    void setUp() {
        parties = new InMemorySaleParties()
                .customer("customer-1", REGISTERED_AT)
                .store("store-1", "EUR", OPENED_AT, null)
                .product("product-phone", LISTED_AT, null)
                .product("product-cable", LISTED_AT, null)
                .product("product-gift", LISTED_AT, null);
        fixture = new AggregateTestFixture<>(Sale.class);
        fixture.registerInjectableResource(parties);
    }

    // --- accepted -----------------------------------------------------------------------------

    @Test
    void placesSaleWithOneLine() {
        fixture.givenNoPriorActivity()
                .when(sale().build())
                .expectSuccessfulHandlerExecution()
                .expectEvents(placed("EUR", PHONE));
    }

    @Test
    void placesSaleWithTwoLinesOneDiscounted() {
        fixture.givenNoPriorActivity()
                .when(sale().lines(PHONE, CABLE).build())
                .expectEvents(placed("EUR", PHONE, CABLE));
    }

    @Test
    void lineWithoutDiscountHasZeroDiscount() {
        assertThat(PHONE.discount()).isEqualByComparingTo("0");
        assertThat(CABLE.grossAmount()).isEqualByComparingTo("38.97");
        assertThat(CABLE.netAmount()).isEqualByComparingTo("37.97");
    }

    @Test
    void discountOfTheWholeGrossAmountIsAccepted() {
        SaleLine free = new SaleLine("product-cable", 2, new BigDecimal("12.99"), new BigDecimal("25.98"));
        fixture.givenNoPriorActivity().when(sale().lines(free).build()).expectEvents(placed("EUR", free));
    }

    @Test
    void placesSaleInCurrencyWithoutMinorUnitsAndFreeLine() {
        parties.store("store-1", "JPY", OPENED_AT, null);
        SaleLine yen = new SaleLine("product-phone", 2, new BigDecimal("145000"), new BigDecimal("5000"));
        SaleLine gift = new SaleLine("product-gift", 1, BigDecimal.ZERO);
        fixture.givenNoPriorActivity()
                .when(sale().currency("JPY").lines(yen, gift).build())
                .expectEvents(placed("JPY", yen, gift));
    }

    @Test
    void saleAtTheMomentsThePartiesBeganIsAccepted() {
        parties.customer("customer-1", PLACED_AT)
                .store("store-1", "EUR", PLACED_AT, null)
                .product("product-phone", PLACED_AT, null);
        fixture.givenNoPriorActivity().when(sale().build()).expectSuccessfulHandlerExecution();
    }

    @Test
    void saleJustBeforeStoreClosesAndProductIsDiscontinuedIsAccepted() {
        parties.store("store-1", "EUR", OPENED_AT, PLACED_AT.plusMillis(1))
                .product("product-phone", LISTED_AT, PLACED_AT.plusMillis(1));
        fixture.givenNoPriorActivity().when(sale().build()).expectSuccessfulHandlerExecution();
    }

    @Test
    void partiesAreAskedForEveryProductOfTheSaleAtOnce() {
        fixture.givenNoPriorActivity().when(sale().lines(PHONE, CABLE).build()).expectSuccessfulHandlerExecution();
        assertThat(parties.askedForProducts).containsExactly(List.of("product-cable", "product-phone"));
    }

    // --- refused: the command itself ---------------------------------------------------------

    @Test
    void lineWithZeroQuantityIsRefused() {
        expectRefusal(
                sale().lines(new SaleLine("product-phone", 0, new BigDecimal("899.00"))),
                "Sale sale-1 line 1: quantity must be positive, was 0");
    }

    @Test
    void lineWithNegativeQuantityIsRefused() {
        expectRefusal(
                sale().lines(PHONE, new SaleLine("product-cable", -2, new BigDecimal("12.99"))),
                "Sale sale-1 line 2: quantity must be positive, was -2");
    }

    @Test
    void lineWithNegativeUnitPriceIsRefused() {
        expectRefusal(
                sale().lines(new SaleLine("product-phone", 1, new BigDecimal("-0.01"))),
                "Sale sale-1 line 1: unitPrice must not be negative, was -0.01");
    }

    @Test
    void lineWithoutUnitPriceIsRefused() {
        expectRefusal(
                sale().lines(new SaleLine("product-phone", 1, null)), "Sale sale-1 line 1: unitPrice is required");
    }

    @Test
    void lineWithFractionsOfACentIsRefused() {
        expectRefusal(
                sale().lines(new SaleLine("product-phone", 1, new BigDecimal("899.001"))),
                "Sale sale-1 line 1: unitPrice 899.001 has more than 2 decimals, which EUR does not have");
    }

    @Test
    void lineWithoutDiscountValueIsRefused() {
        expectRefusal(
                sale().lines(new SaleLine("product-phone", 1, new BigDecimal("899.00"), null)),
                "Sale sale-1 line 1: discount is required");
    }

    @Test
    void lineWithNegativeDiscountIsRefused() {
        expectRefusal(
                sale().lines(new SaleLine("product-phone", 1, new BigDecimal("899.00"), new BigDecimal("-5"))),
                "Sale sale-1 line 1: discount must not be negative, was -5");
    }

    @Test
    void lineWithDiscountAboveItsGrossAmountIsRefused() {
        expectRefusal(
                sale().lines(PHONE, new SaleLine("product-cable", 2, new BigDecimal("12.99"), new BigDecimal("25.99"))),
                "Sale sale-1 line 2: discount 25.99 is more than the line's gross amount 25.98");
    }

    @Test
    void lineWithDiscountInFractionsOfAYenIsRefused() {
        parties.store("store-1", "JPY", OPENED_AT, null);
        expectRefusal(
                sale().currency("JPY")
                        .lines(new SaleLine("product-phone", 1, new BigDecimal("145000"), new BigDecimal("0.5"))),
                "Sale sale-1 line 1: discount 0.5 has more than 0 decimals, which JPY does not have");
    }

    @Test
    void lineWithoutProductIsRefused() {
        expectRefusal(sale().lines(new SaleLine(" ", 1, BigDecimal.TEN)), "Sale sale-1 line 1: productId is required");
    }

    @Test
    void nullLineIsRefused() {
        expectRefusal(sale().lines(PHONE, null), "Sale sale-1 line 2: the line is empty");
    }

    @Test
    void sameProductOnTwoLinesIsRefused() {
        expectRefusal(
                sale().lines(PHONE, CABLE, new SaleLine("product-phone", 2, new BigDecimal("899.00"))),
                "Sale sale-1 line 3: product product-phone is on line 1 already; one line per product");
    }

    @Test
    void unknownCurrencyIsRefused() {
        expectRefusal(
                sale().currency("XYZ"),
                "Sale sale-1: currency 'XYZ' is not an ISO-4217 code (for example EUR, USD, GBP)");
    }

    @Test
    void lowerCaseCurrencyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(sale().currency("eur").build())
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(allOf(containsString("currency 'eur'"), containsString("ISO-4217")));
    }

    @Test
    void silverAsCurrencyIsRefused() {
        expectRefusal(
                sale().currency("XAG"),
                "Sale sale-1: currency 'XAG' is an ISO-4217 code but no country's money"
                        + " (metals, funds, test and withdrawn codes are refused)");
    }

    @Test
    void missingCurrencyIsRefused() {
        expectRefusal(sale().currency(null), "Sale sale-1: currency is required");
    }

    @Test
    void saleWithoutLinesIsRefused() {
        expectRefusal(sale().lines(List.of()), "Sale sale-1: at least one line is required");
    }

    @Test
    void saleWithNullLinesIsRefused() {
        expectRefusal(sale().lines((List<SaleLine>) null), "Sale sale-1: at least one line is required");
    }

    @Test
    void saleWithoutIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PlaceSaleCommand(
                        " ",
                        "customer-1",
                        "store-1",
                        SalesChannel.WEB,
                        PaymentMethod.CARD,
                        "EUR",
                        PLACED_AT,
                        List.of(PHONE)))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("Sale: saleId is required");
    }

    @Test
    void saleWithoutCustomerIsRefused() {
        expectRefusal(sale().customerId(null), "Sale sale-1: customerId is required");
    }

    @Test
    void saleWithBlankCustomerIsRefused() {
        expectRefusal(sale().customerId("  "), "Sale sale-1: customerId is required");
    }

    @Test
    void saleWithoutStoreIsRefused() {
        expectRefusal(sale().storeId(null), "Sale sale-1: storeId is required");
    }

    @Test
    void saleWithoutChannelIsRefused() {
        expectRefusal(sale().channel(null), "Sale sale-1: channel is required");
    }

    @Test
    void saleWithoutPaymentMethodIsRefused() {
        expectRefusal(sale().paymentMethod(null), "Sale sale-1: paymentMethod is required");
    }

    @Test
    void saleWithoutPlacedAtIsRefused() {
        expectRefusal(sale().placedAt(null), "Sale sale-1: placedAt is required");
    }

    @Test
    void placingTheSameSaleTwiceIsRefusedByTheEventStore() {
        // Placing is a creation handler: the aggregate cannot see its own past, so the event
        // store refuses the second stream for the same id (in production: a key clash on
        // aggregate id + sequence number 0).
        fixture.given(placed("EUR", PHONE))
                .when(sale().lines(CABLE).build())
                .expectNoEvents()
                .expectException(EventStoreException.class)
                .expectExceptionMessage(containsString("sequence number"));
    }

    // --- refused: other aggregates at the sale's time -----------------------------------------

    @Test
    void saleOfUnregisteredCustomerIsRefused() {
        parties.withoutCustomer("customer-1");
        expectRefusal(sale(), "Sale sale-1: customer customer-1 is not registered");
    }

    @Test
    void saleBeforeTheCustomerRegisteredIsRefused() {
        Instant registered = PLACED_AT.plusSeconds(1);
        parties.customer("customer-1", registered);
        expectRefusal(
                sale(),
                "Sale sale-1: customer customer-1 registered only at " + registered + ", after the sale's time "
                        + PLACED_AT);
    }

    @Test
    void saleInUnknownStoreIsRefused() {
        parties.withoutStore("store-1");
        expectRefusal(sale(), "Sale sale-1: store store-1 does not exist");
    }

    @Test
    void saleBeforeTheStoreOpensIsRefused() {
        Instant opens = PLACED_AT.plusSeconds(3600);
        parties.store("store-1", "EUR", opens, null);
        expectRefusal(
                sale(), "Sale sale-1: store store-1 opens only at " + opens + ", after the sale's time " + PLACED_AT);
    }

    @Test
    void saleInClosedStoreIsRefused() {
        Instant closed = PLACED_AT.minusSeconds(60);
        parties.store("store-1", "EUR", OPENED_AT, closed);
        expectRefusal(
                sale(),
                "Sale sale-1: store store-1 is closed since " + closed + ", before the sale's time " + PLACED_AT);
    }

    @Test
    void saleAtTheMomentTheStoreClosesIsRefused() {
        parties.store("store-1", "EUR", OPENED_AT, PLACED_AT);
        expectRefusal(
                sale(),
                "Sale sale-1: store store-1 is closed since " + PLACED_AT + ", before the sale's time " + PLACED_AT);
    }

    @Test
    void saleInAnotherCurrencyThanTheStoreSellsInIsRefused() {
        parties.store("store-1", "CHF", OPENED_AT, null);
        expectRefusal(sale(), "Sale sale-1: store store-1 sells in CHF, not in EUR");
    }

    @Test
    void saleOfProductNotInTheCatalogueIsRefused() {
        parties.withoutProduct("product-cable");
        expectRefusal(sale().lines(PHONE, CABLE), "Sale sale-1: product product-cable is not in the catalogue");
    }

    @Test
    void saleOfProductBeforeItsListingIsRefused() {
        Instant listed = PLACED_AT.plusSeconds(1);
        parties.product("product-phone", listed, null);
        expectRefusal(
                sale(),
                "Sale sale-1: product product-phone is listed only from " + listed + ", after the sale's time "
                        + PLACED_AT);
    }

    @Test
    void saleOfDiscontinuedProductIsRefused() {
        Instant discontinued = PLACED_AT.minusSeconds(1);
        parties.product("product-phone", LISTED_AT, discontinued);
        expectRefusal(
                sale(),
                "Sale sale-1: product product-phone is discontinued since " + discontinued + ", before the sale's time "
                        + PLACED_AT);
    }

    // --- helpers ------------------------------------------------------------------------------

    static SalePlacedEvent placed(String currency, SaleLine... lines) {
        return new SalePlacedEvent(
                SALE_ID,
                "customer-1",
                "store-1",
                SalesChannel.WEB,
                PaymentMethod.CARD,
                currency,
                PLACED_AT,
                List.of(lines));
    }

    private void expectRefusal(SaleBuilder command, String message) {
        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static SaleBuilder sale() {
        return new SaleBuilder();
    }

    /** A valid command by default; each test breaks one thing. */
    private static final class SaleBuilder {
        private String customerId = "customer-1";
        private String storeId = "store-1";
        private SalesChannel channel = SalesChannel.WEB;
        private PaymentMethod paymentMethod = PaymentMethod.CARD;
        private String currency = "EUR";
        private Instant placedAt = PLACED_AT;
        private List<SaleLine> lines = List.of(PHONE);

        SaleBuilder customerId(String value) {
            customerId = value;
            return this;
        }

        SaleBuilder storeId(String value) {
            storeId = value;
            return this;
        }

        SaleBuilder channel(SalesChannel value) {
            channel = value;
            return this;
        }

        SaleBuilder paymentMethod(PaymentMethod value) {
            paymentMethod = value;
            return this;
        }

        SaleBuilder currency(String value) {
            currency = value;
            return this;
        }

        SaleBuilder placedAt(Instant value) {
            placedAt = value;
            return this;
        }

        SaleBuilder lines(List<SaleLine> value) {
            lines = value;
            return this;
        }

        SaleBuilder lines(SaleLine... value) {
            // Arrays.asList, unlike List.of, admits the null line that one test needs.
            lines = new ArrayList<>(Arrays.asList(value));
            return this;
        }

        PlaceSaleCommand build() {
            return new PlaceSaleCommand(
                    SALE_ID, customerId, storeId, channel, paymentMethod, currency, placedAt, lines);
        }
    }
}
