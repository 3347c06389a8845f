package dev.salesflow.generator;

import static dev.salesflow.events.sale.PaymentMethod.APPLE_PAY;
import static dev.salesflow.events.sale.PaymentMethod.BANK_TRANSFER;
import static dev.salesflow.events.sale.PaymentMethod.BUY_NOW_PAY_LATER;
import static dev.salesflow.events.sale.PaymentMethod.CARD;
import static dev.salesflow.events.sale.PaymentMethod.CASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.RepriceProductCommand;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.summary.Summary;
import dev.salesflow.generator.tool.CommandDump;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 30-day backfill of the default shop lands inside the bands a data team would expect. */
class DistributionTest {

    private static final Backfill MONTH = new Backfill(28, 2_000, Runs.UNTIL);
    private static Summary summary;

    @BeforeAll
    static void generate() {
        summary = CommandDump.run(SimulationSettings.withSeed(42), MONTH, null, null);
    }

    @Test
    void salesVolumeFollowsTheOption() {
        assertThat(summary.sales()).isBetween(28 * 2_000 * 95 / 100L, 28 * 2_000 * 105 / 100L);
        assertThat(summary.count(PublishExchangeRatesCommand.class)).isEqualTo(28);
    }

    @Test
    void marketsFollowTheirSizeAndAllFourteenSell() {
        for (String country :
                new String[] {"US", "DE", "GB", "FR", "JP", "IT", "ES", "NL", "BR", "CA", "PL", "AU", "CH", "SE"}) {
            assertThat(summary.salesShareOfStoreCountry(country)).as(country).isGreaterThan(0.01);
        }
        assertThat(summary.salesShareOfStoreCountry("US")).isBetween(0.12, 0.25);
        assertThat(summary.salesShareOfStoreCountry("US")).isGreaterThan(summary.salesShareOfStoreCountry("SE") * 3);
    }

    @Test
    void channelsFitTheStoreKind() {
        assertThat(summary.channelShare(StoreKind.PHYSICAL, SalesChannel.IN_STORE))
                .isBetween(0.85, 0.95);
        assertThat(summary.channelShare(StoreKind.ONLINE, SalesChannel.IN_STORE))
                .isZero();
        assertThat(summary.channelShare(StoreKind.ONLINE, SalesChannel.WEB)
                        + summary.channelShare(StoreKind.ONLINE, SalesChannel.MOBILE_APP))
                .isGreaterThan(0.9);
        assertThat(summary.channelShare(StoreKind.MARKETPLACE, SalesChannel.MARKETPLACE))
                .isEqualTo(1.0);
    }

    @Test
    void paymentMixesDifferByCountry() {
        assertThat(summary.paymentShare("NL", BANK_TRANSFER)).isGreaterThan(0.30);
        assertThat(summary.paymentShare("US", BANK_TRANSFER)).isLessThan(0.05);
        assertThat(summary.paymentShare("US", CARD) + summary.paymentShare("US", APPLE_PAY))
                .isGreaterThan(0.6);
        assertThat(summary.paymentShare("SE", BUY_NOW_PAY_LATER)).isGreaterThan(0.25);
        assertThat(summary.paymentShare("BR", BUY_NOW_PAY_LATER)).isGreaterThan(0.2);
        assertThat(summary.paymentShare("JP", CASH)).isGreaterThan(4 * summary.paymentShare("GB", CASH));
        assertThat(summary.paymentShare("PL", BANK_TRANSFER)).isGreaterThan(0.3);
    }

    @Test
    void aFewCustomersSpendALot() {
        assertThat(summary.topSpendShare(0.10)).isBetween(0.35, 0.70);
        assertThat(summary.topSpendShare(0.01)).isBetween(0.05, 0.30);
    }

    @Test
    void someOrdersAreCancelledAndSomeRefunded() {
        assertThat(summary.cancellationRate()).isBetween(0.02, 0.06);
        assertThat(summary.refundRate()).isBetween(0.02, 0.08);
        assertThat(summary.partialRefundShare()).isBetween(0.10, 0.45);
    }

    @Test
    void eveningsAndWeekendsAreBusier() {
        assertThat(summary.salesAtUtcHour(20)).isGreaterThan(3 * summary.salesAtUtcHour(4));
        // 28 days: every day of the week four times.
        assertThat(summary.salesPerDayOn(DayOfWeek.SATURDAY))
                .isGreaterThan(summary.salesPerDayOn(DayOfWeek.TUESDAY) * 1.3);
        assertThat(LocalDate.ofInstant(MONTH.from(), ZoneOffset.UTC).plusDays(28))
                .isEqualTo(LocalDate.ofInstant(MONTH.until(), ZoneOffset.UTC));
    }

    @Test
    void catalogueAndProfilesChange() {
        assertThat(summary.count(RepriceProductCommand.class)).isBetween(60, 180);
        assertThat(summary.count(DiscontinueProductCommand.class)).isBetween(3, 25);
        assertThat(summary.count(MoveCustomerCommand.class)).isBetween(80, 260);
        assertThat(summary.count(ChangeCustomerEmailCommand.class)).isBetween(50, 180);
        assertThat(summary.count(ChangeLoyaltyTierCommand.class)).isBetween(500, 8_000);
    }
}
