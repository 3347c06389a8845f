package dev.salesflow.domain.sale;

import static dev.salesflow.domain.sale.SaleTest.CABLE;
import static dev.salesflow.domain.sale.SaleTest.PHONE;
import static dev.salesflow.domain.sale.SaleTest.PLACED_AT;
import static dev.salesflow.domain.sale.SaleTest.SALE_ID;
import static dev.salesflow.domain.sale.SaleTest.placed;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.events.sale.RefundedLine;
import dev.salesflow.events.sale.SaleCancelledEvent;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SaleRefundedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fulfilling, cancelling and refunding a placed sale. */
class SaleAfterPlacementTest {

    private static final Instant FULFILLED_AT = PLACED_AT.plusSeconds(86_400);
    private static final Instant REFUNDED_AT = FULFILLED_AT.plusSeconds(86_400);
    private static final SaleFulfilledEvent FULFILLED = new SaleFulfilledEvent(SALE_ID, FULFILLED_AT);
    /** Phone 899.00; cable 3 x 12.99 less 1.00 = 37.97, which does not divide by 3. */
    private static final Object[] PLACED_AND_FULFILLED = {placed("EUR", PHONE, CABLE), FULFILLED};

    private FixtureConfiguration<Sale> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Sale.class);
        fixture.registerInjectableResource(new InMemorySaleParties());
    }

    // --- fulfil -------------------------------------------------------------------------------

    @Test
    void fulfilmentIsRecorded() {
        fixture.given(placed("EUR", PHONE))
                .when(new FulfilSaleCommand(SALE_ID, FULFILLED_AT))
                .expectEvents(FULFILLED);
    }

    @Test
    void fulfilmentAtThePlacementMomentIsAccepted() {
        fixture.given(placed("EUR", PHONE))
                .when(new FulfilSaleCommand(SALE_ID, PLACED_AT))
                .expectEvents(new SaleFulfilledEvent(SALE_ID, PLACED_AT));
    }

    @Test
    void fulfillingAgainEmitsNothing() {
        fixture.given(PLACED_AND_FULFILLED)
                .when(new FulfilSaleCommand(SALE_ID, FULFILLED_AT.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void fulfilmentOfCancelledSaleIsRefused() {
        fixture.given(placed("EUR", PHONE), new SaleCancelledEvent(SALE_ID, "customer changed mind", FULFILLED_AT))
                .when(new FulfilSaleCommand(SALE_ID, FULFILLED_AT.plusSeconds(5)))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("Sale sale-1: cannot be fulfilled, it was cancelled at " + FULFILLED_AT);
    }

    @Test
    void fulfilmentBeforePlacementIsRefused() {
        Instant before = PLACED_AT.minusSeconds(1);
        expectRefusal(
                new Object[] {placed("EUR", PHONE)},
                new FulfilSaleCommand(SALE_ID, before),
                "Sale sale-1: fulfilledAt " + before + " is before the placement at " + PLACED_AT);
    }

    @Test
    void fulfilmentWithoutTimeIsRefused() {
        expectRefusal(
                new Object[] {placed("EUR", PHONE)},
                new FulfilSaleCommand(SALE_ID, null),
                "Sale sale-1: fulfilledAt is required");
    }

    // --- cancel -------------------------------------------------------------------------------

    @Test
    void cancellationBeforeFulfilmentIsRecorded() {
        fixture.given(placed("EUR", PHONE))
                .when(new CancelSaleCommand(SALE_ID, "payment declined", PLACED_AT.plusSeconds(60)))
                .expectEvents(new SaleCancelledEvent(SALE_ID, "payment declined", PLACED_AT.plusSeconds(60)));
    }

    @Test
    void cancellingAgainEmitsNothing() {
        fixture.given(placed("EUR", PHONE), new SaleCancelledEvent(SALE_ID, "payment declined", PLACED_AT))
                .when(new CancelSaleCommand(SALE_ID, "payment declined", PLACED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cancellationOfFulfilledSaleIsRefusedWithAdviceToRefund() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                new CancelSaleCommand(SALE_ID, "too late", REFUNDED_AT),
                "Sale sale-1: cannot be cancelled, it was fulfilled at " + FULFILLED_AT + "; refund it instead");
    }

    @Test
    void cancellationWithoutReasonIsRefused() {
        expectRefusal(
                new Object[] {placed("EUR", PHONE)},
                new CancelSaleCommand(SALE_ID, " ", PLACED_AT),
                "Sale sale-1: reason is required");
    }

    @Test
    void cancellationWithoutTimeIsRefused() {
        expectRefusal(
                new Object[] {placed("EUR", PHONE)},
                new CancelSaleCommand(SALE_ID, "payment declined", null),
                "Sale sale-1: cancelledAt is required");
    }

    @Test
    void cancellationBeforePlacementIsRefused() {
        Instant before = PLACED_AT.minusMillis(1);
        expectRefusal(
                new Object[] {placed("EUR", PHONE)},
                new CancelSaleCommand(SALE_ID, "payment declined", before),
                "Sale sale-1: cancelledAt " + before + " is before the placement at " + PLACED_AT);
    }

    // --- refund: accepted ---------------------------------------------------------------------

    @Test
    void fullRefundReturnsEveryLinesNetAmount() {
        fixture.given(PLACED_AND_FULFILLED)
                .when(refund("r-1", line("product-phone", 1), line("product-cable", 3)))
                .expectEvents(refunded(
                        "r-1",
                        "936.97",
                        refundedLine("product-phone", 1, "899.00"),
                        refundedLine("product-cable", 3, "37.97")));
    }

    @Test
    void partialRefundIsTheNetAmountProRataRoundedToCents() {
        // 37.97 * 2 / 3 = 25.3133..
        fixture.given(PLACED_AND_FULFILLED)
                .when(refund("r-1", line("product-cable", 2)))
                .expectEvents(refunded("r-1", "25.31", refundedLine("product-cable", 2, "25.31")));
    }

    @Test
    void refundOfTheLastUnitsGetsExactlyWhatRemainsOfTheLine() {
        fixture.given(PLACED_AND_FULFILLED)
                .andGivenCommands(refund("r-1", line("product-cable", 2)))
                .when(refund("r-2", line("product-cable", 1)))
                .expectEvents(refunded("r-2", "12.66", refundedLine("product-cable", 1, "12.66")));
    }

    @Test
    void threeSingleUnitRefundsOfALineSumExactlyToItsNetAmount() {
        // 37.97 / 3 = 12.6566.. -> 12.66, 12.66, and the rest 12.65: 37.97 in all.
        fixture.given(PLACED_AND_FULFILLED)
                .andGivenCommands(refund("r-1", line("product-cable", 1)), refund("r-2", line("product-cable", 1)))
                .when(refund("r-3", line("product-cable", 1)))
                .expectEvents(refunded("r-3", "12.65", refundedLine("product-cable", 1, "12.65")));
        fixture.given(PLACED_AND_FULFILLED)
                .andGivenCommands(refund("r-1", line("product-cable", 1)))
                .when(refund("r-2", line("product-cable", 1)))
                .expectEvents(refunded("r-2", "12.66", refundedLine("product-cable", 1, "12.66")));
    }

    @Test
    void yenRefundsAreWholeYenAndThreePartialRefundsSumExactlyToTheLinesNetAmount() {
        // 3 x 1000 less 1 = 2999 yen; a third is 999.66.. -> 1000, 1000, and the rest 999.
        SaleLine yen = new SaleLine("product-phone", 3, new BigDecimal("1000"), new BigDecimal("1"));
        Object[] yenSale = {placed("JPY", yen), FULFILLED};
        fixture.given(yenSale)
                .when(refund("r-1", line("product-phone", 1)))
                .expectEvents(refundedIn("JPY", "r-1", "1000", refundedLine("product-phone", 1, "1000")));
        fixture.given(yenSale)
                .andGivenCommands(refund("r-1", line("product-phone", 1)))
                .when(refund("r-2", line("product-phone", 1)))
                .expectEvents(refundedIn("JPY", "r-2", "1000", refundedLine("product-phone", 1, "1000")));
        fixture.given(yenSale)
                .andGivenCommands(refund("r-1", line("product-phone", 1)), refund("r-2", line("product-phone", 1)))
                .when(refund("r-3", line("product-phone", 1)))
                .expectEvents(refundedIn("JPY", "r-3", "999", refundedLine("product-phone", 1, "999")));
    }

    @Test
    void roundingOfAPartialRefundIsHalfEven() {
        // 0.25 / 2 = 0.125: half-even gives 0.12 (half-up would give 0.13); the rest is 0.13.
        SaleLine stickers = new SaleLine("product-gift", 2, new BigDecimal("0.50"), new BigDecimal("0.75"));
        Object[] sale = {placed("EUR", stickers), FULFILLED};
        fixture.given(sale)
                .when(refund("r-1", line("product-gift", 1)))
                .expectEvents(refunded("r-1", "0.12", refundedLine("product-gift", 1, "0.12")));
        fixture.given(sale)
                .andGivenCommands(refund("r-1", line("product-gift", 1)))
                .when(refund("r-2", line("product-gift", 1)))
                .expectEvents(refunded("r-2", "0.13", refundedLine("product-gift", 1, "0.13")));
    }

    @Test
    void partialRefundsNeverReturnMoreThanRemainsOfTheLine() {
        // 0.03 over 5 units: each fifth (0.006) rounds up to 0.01, so after three refunds the line
        // is paid back in full and the fourth gets 0.00 rather than more money.
        SaleLine pins = new SaleLine("product-gift", 5, new BigDecimal("0.01"), new BigDecimal("0.02"));
        fixture.given(placed("EUR", pins), FULFILLED)
                .andGivenCommands(
                        refund("r-1", line("product-gift", 1)),
                        refund("r-2", line("product-gift", 1)),
                        refund("r-3", line("product-gift", 1)))
                .when(refund("r-4", line("product-gift", 1)))
                .expectEvents(refunded("r-4", "0.00", refundedLine("product-gift", 1, "0.00")));
    }

    @Test
    void resentRefundWithTheSameLinesEmitsNothing() {
        fixture.given(PLACED_AND_FULFILLED)
                .andGivenCommands(refund("r-1", line("product-phone", 1), line("product-cable", 1)))
                .when(refund("r-1", line("product-cable", 1), line("product-phone", 1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resentLastRefundEmitsNothingThoughNoUnitsRemain() {
        fixture.given(PLACED_AND_FULFILLED)
                .andGivenCommands(refund("r-1", line("product-phone", 1)))
                .when(refund("r-1", line("product-phone", 1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- refund: refused ----------------------------------------------------------------------

    @Test
    void sameRefundIdWithOtherLinesIsRefused() {
        fixture.given(PLACED_AND_FULFILLED)
                .andGivenCommands(refund("r-1", line("product-cable", 1)))
                .when(refund("r-1", line("product-cable", 2)))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("Sale sale-1 refund r-1: was already made with other lines {product-cable=1},"
                        + " now {product-cable=2}; a refund cannot be changed, send a new refundId for more units");
    }

    @Test
    void refundBeforeFulfilmentIsRefused() {
        expectRefusal(
                new Object[] {placed("EUR", PHONE)},
                refund("r-1", line("product-phone", 1)),
                "Sale sale-1 refund r-1: the sale is not fulfilled yet; cancel it instead");
    }

    @Test
    void refundOfCancelledSaleIsRefused() {
        expectRefusal(
                new Object[] {placed("EUR", PHONE), new SaleCancelledEvent(SALE_ID, "fraud", PLACED_AT)},
                refund("r-1", line("product-phone", 1)),
                "Sale sale-1 refund r-1: the sale was cancelled at " + PLACED_AT + ", there is nothing to refund");
    }

    @Test
    void refundDatedBeforeTheFulfilmentIsRefused() {
        Instant before = FULFILLED_AT.minusSeconds(1);
        expectRefusal(
                PLACED_AND_FULFILLED,
                new RefundSaleCommand(SALE_ID, "r-1", List.of(line("product-phone", 1)), "broken", before),
                "Sale sale-1 refund r-1: refundedAt " + before + " is before the fulfilment at " + FULFILLED_AT);
    }

    @Test
    void refundWithoutTimeIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                new RefundSaleCommand(SALE_ID, "r-1", List.of(line("product-phone", 1)), "broken", null),
                "Sale sale-1 refund r-1: refundedAt is required");
    }

    @Test
    void refundWithoutRefundIdIsRefused() {
        expectRefusal(PLACED_AND_FULFILLED, refund(" ", line("product-phone", 1)), "Sale sale-1: refundId is required");
    }

    @Test
    void refundWithoutReasonIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                new RefundSaleCommand(SALE_ID, "r-1", List.of(line("product-phone", 1)), null, REFUNDED_AT),
                "Sale sale-1 refund r-1: reason is required");
    }

    @Test
    void refundWithoutLinesIsRefused() {
        expectRefusal(PLACED_AND_FULFILLED, refund("r-1"), "Sale sale-1 refund r-1: at least one line is required");
    }

    @Test
    void refundWithNullLineIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                refund("r-1", line("product-phone", 1), null),
                "Sale sale-1 refund r-1 line 2: the line is empty");
    }

    @Test
    void refundOfProductNotInTheSaleIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                refund("r-1", line("product-tv", 1)),
                "Sale sale-1 refund r-1 line 1: product product-tv is not in the sale (it has [product-phone,"
                        + " product-cable])");
    }

    @Test
    void refundLineWithoutProductIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                refund("r-1", line(null, 1)),
                "Sale sale-1 refund r-1 line 1: productId is required");
    }

    @Test
    void refundOfZeroUnitsIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                refund("r-1", line("product-cable", 0)),
                "Sale sale-1 refund r-1 line 1: quantity must be positive, was 0");
    }

    @Test
    void refundOfMoreUnitsThanWereSoldIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                refund("r-1", line("product-phone", 1), line("product-cable", 4)),
                "Sale sale-1 refund r-1 line 2: 4 units of product product-cable asked for, but only 3 remain"
                        + " refundable (sold 3, refunded 0)");
    }

    @Test
    void refundOfMoreUnitsThanRemainRefundableIsRefused() {
        fixture.given(PLACED_AND_FULFILLED)
                .andGivenCommands(refund("r-1", line("product-cable", 2)))
                .when(refund("r-2", line("product-cable", 2)))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("Sale sale-1 refund r-2 line 1: 2 units of product product-cable asked for,"
                        + " but only 1 remain refundable (sold 3, refunded 2)");
    }

    @Test
    void refundNamingAProductTwiceIsRefused() {
        expectRefusal(
                PLACED_AND_FULFILLED,
                refund("r-1", line("product-cable", 1), line("product-cable", 1)),
                "Sale sale-1 refund r-1 line 2: product product-cable is named twice; at most one line per product"
                        + " and refund");
    }

    // --- helpers ------------------------------------------------------------------------------

    private void expectRefusal(Object[] given, Object command, String message) {
        fixture.given(given)
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static RefundSaleCommand refund(String refundId, RefundLine... lines) {
        // Arrays.asList admits the null line one test needs.
        return new RefundSaleCommand(SALE_ID, refundId, new ArrayList<>(Arrays.asList(lines)), "damaged", REFUNDED_AT);
    }

    private static RefundLine line(String productId, int quantity) {
        return new RefundLine(productId, quantity);
    }

    private static RefundedLine refundedLine(String productId, int quantity, String amount) {
        return new RefundedLine(productId, quantity, new BigDecimal(amount));
    }

    private static SaleRefundedEvent refunded(String refundId, String total, RefundedLine... lines) {
        return refundedIn("EUR", refundId, total, lines);
    }

    private static SaleRefundedEvent refundedIn(String currency, String refundId, String total, RefundedLine... lines) {
        return new SaleRefundedEvent(
                SALE_ID, refundId, currency, List.of(lines), new BigDecimal(total), "damaged", REFUNDED_AT);
    }
}
