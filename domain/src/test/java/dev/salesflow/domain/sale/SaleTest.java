package dev.salesflow.domain.sale;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.PaymentMethod;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.SaleLine;
import dev.salesflow.domain.api.sale.SalePlacedEvent;
import dev.salesflow.domain.api.sale.SalesChannel;
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

class SaleTest {

    private static final String SALE_ID = "sale-1";
    private static final Instant PLACED_AT = Instant.parse("2024-03-01T10:15:30Z");
    private static final SaleLine PHONE = new SaleLine("product-phone", 1, new BigDecimal("899.00"));
    private static final SaleLine CABLE = new SaleLine("product-cable", 3, new BigDecimal("12.99"));

    private FixtureConfiguration<Sale> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Sale.class);
    }

    @Test
    void placesSaleWithOneLine() {
        fixture.givenNoPriorActivity()
                .when(sale().build())
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SalePlacedEvent(SALE_ID, "customer-1", "store-1", SalesChannel.WEB,
                        PaymentMethod.CARD, "EUR", PLACED_AT, List.of(PHONE)));
    }

    @Test
    void placesSaleWithTwoLines() {
        fixture.givenNoPriorActivity()
                .when(sale().lines(PHONE, CABLE).build())
                .expectEvents(new SalePlacedEvent(SALE_ID, "customer-1", "store-1", SalesChannel.WEB,
                        PaymentMethod.CARD, "EUR", PLACED_AT, List.of(PHONE, CABLE)));
    }

    @Test
    void placesSaleInCurrencyWithoutMinorUnitsAndFreeLine() {
        SaleLine yen = new SaleLine("product-phone", 2, new BigDecimal("145000"));
        SaleLine gift = new SaleLine("product-gift", 1, BigDecimal.ZERO);
        fixture.givenNoPriorActivity()
                .when(sale().currency("JPY").lines(yen, gift).build())
                .expectEvents(new SalePlacedEvent(SALE_ID, "customer-1", "store-1", SalesChannel.WEB,
                        PaymentMethod.CARD, "JPY", PLACED_AT, List.of(yen, gift)));
    }

    @Test
    void refusesSaleLineWithZeroQuantity() {
        expectRefusal(sale().lines(new SaleLine("product-phone", 0, new BigDecimal("899.00"))),
                "Sale sale-1 line 1: quantity must be positive, was 0");
    }

    @Test
    void refusesSaleLineWithNegativeQuantity() {
        expectRefusal(sale().lines(PHONE, new SaleLine("product-cable", -2, new BigDecimal("12.99"))),
                "Sale sale-1 line 2: quantity must be positive, was -2");
    }

    @Test
    void refusesSaleLineWithNegativeUnitPrice() {
        expectRefusal(sale().lines(new SaleLine("product-phone", 1, new BigDecimal("-0.01"))),
                "Sale sale-1 line 1: unitPrice must not be negative, was -0.01");
    }

    @Test
    void refusesSaleLineWithoutUnitPrice() {
        expectRefusal(sale().lines(new SaleLine("product-phone", 1, null)),
                "Sale sale-1 line 1: unitPrice is required");
    }

    @Test
    void refusesSaleLineWithoutProduct() {
        expectRefusal(sale().lines(new SaleLine(" ", 1, BigDecimal.TEN)),
                "Sale sale-1 line 1: productId is required");
    }

    @Test
    void refusesNullSaleLine() {
        expectRefusal(sale().lines(PHONE, null), "Sale sale-1 line 2: the line is empty");
    }

    @Test
    void refusesUnknownCurrency() {
        fixture.givenNoPriorActivity()
                .when(sale().currency("XYZ").build())
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(allOf(containsString("currency 'XYZ'"), containsString("ISO-4217")));
    }

    @Test
    void refusesLowerCaseCurrency() {
        fixture.givenNoPriorActivity()
                .when(sale().currency("eur").build())
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(allOf(containsString("currency 'eur'"), containsString("ISO-4217")));
    }

    @Test
    void refusesMissingCurrency() {
        expectRefusal(sale().currency(null), "Sale: currency is required");
    }

    @Test
    void refusesSaleWithEmptyLines() {
        expectRefusal(sale().lines(List.of()), "Sale: at least one line is required");
    }

    @Test
    void refusesSaleWithNullLines() {
        expectRefusal(sale().lines((List<SaleLine>) null), "Sale: at least one line is required");
    }

    @Test
    void refusesSaleWithoutCustomer() {
        expectRefusal(sale().customerId(null), "Sale: customerId is required");
    }

    @Test
    void refusesSaleWithBlankCustomer() {
        expectRefusal(sale().customerId("  "), "Sale: customerId is required");
    }

    @Test
    void refusesSaleWithoutStore() {
        expectRefusal(sale().storeId(null), "Sale: storeId is required");
    }

    @Test
    void refusesSaleWithoutChannel() {
        expectRefusal(sale().channel(null), "Sale: channel is required");
    }

    @Test
    void refusesSaleWithoutPaymentMethod() {
        expectRefusal(sale().paymentMethod(null), "Sale: paymentMethod is required");
    }

    @Test
    void refusesSaleWithoutPlacedAt() {
        expectRefusal(sale().placedAt(null), "Sale: placedAt is required");
    }

    @Test
    void refusesPlacingTheSameSaleTwice() {
        // Placing is a creation handler: the aggregate cannot see its own past, so the event
        // store refuses the second stream for the same id (in production: a key clash on
        // aggregate id + sequence number 0).
        fixture.given(new SalePlacedEvent(SALE_ID, "customer-1", "store-1", SalesChannel.WEB,
                        PaymentMethod.CARD, "EUR", PLACED_AT, List.of(PHONE)))
                .when(sale().lines(CABLE).build())
                .expectNoEvents()
                .expectException(EventStoreException.class)
                .expectExceptionMessage(containsString("sequence number"));
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
            return new PlaceSaleCommand(SALE_ID, customerId, storeId, channel, paymentMethod, currency, placedAt, lines);
        }
    }
}
