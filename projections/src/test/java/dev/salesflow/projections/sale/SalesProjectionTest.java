package dev.salesflow.projections.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.events.fx.ExchangeRatesPublishedEvent;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.RefundedLine;
import dev.salesflow.events.sale.SaleCancelledEvent;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SaleRefundedEvent;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.projections.SilverHarness;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silver-sales} on a real DuckDB file: lines, their lifecycle, refunds and conversion. */
class SalesProjectionTest {

    static final LocalDate DAY_1 = LocalDate.parse("2026-03-01");
    static final LocalDate DAY_3 = LocalDate.parse("2026-03-03");

    @TempDir
    Path dir;

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static DomainEventMessage<?> rates(SilverHarness silver, LocalDate day, Map<String, BigDecimal> rates) {
        return silver.event(
                "ExchangeRates",
                "EUR",
                new ExchangeRatesPublishedEvent(
                        "EUR", day, rates, day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
    }

    static DomainEventMessage<?> placed(
            SilverHarness silver, String saleId, String currency, String at, SaleLine... lines) {
        return silver.event(
                "Sale",
                saleId,
                new SalePlacedEvent(
                        saleId,
                        "c-1",
                        "st-1",
                        SalesChannel.WEB,
                        PaymentMethod.CARD,
                        currency,
                        Instant.parse(at),
                        List.of(lines)));
    }

    static Map<String, Object> line(SilverHarness silver, String saleId, long lineNumber) {
        return silver.rows(SalesProjection.SALE_LINES).stream()
                .filter(row -> row.get("sale_id").equals(saleId)
                        && ((Number) row.get("line_number")).longValue() == lineNumber)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + saleId + "/" + lineNumber));
    }

    static BigDecimal money(Map<String, Object> row, String column) {
        return (BigDecimal) row.get(column);
    }

    @Test
    void aSaleBecomesOneRowPerLineWithDiscountAndEurAmountsAtTheDaysRate() {
        try (SilverHarness silver = new SilverHarness(new SalesProjection("EUR"), dir.resolve("w.duckdb"))) {
            silver.handle(
                    rates(silver, DAY_1, Map.of("USD", d("1.10"), "GBP", d("0.85"))),
                    placed(
                            silver,
                            "s-1",
                            "USD",
                            "2026-03-01T10:00:00Z",
                            new SaleLine("p-1", 3, d("10.00"), d("1.00")),
                            new SaleLine("p-2", 1, d("20.00"))));

            Map<String, Object> first = line(silver, "s-1", 1);
            assertThat(first)
                    .containsEntry("event_id", "s-1#0")
                    .containsEntry("product_id", "p-1")
                    .containsEntry("status", "PLACED")
                    .containsEntry("currency", "USD")
                    .containsEntry("reporting_currency", "EUR")
                    .containsEntry("fx_rate_day", DAY_1);
            assertThat(money(first, "discount")).isEqualByComparingTo("1.00");
            assertThat(money(first, "amount")).isEqualByComparingTo("29.00");
            assertThat(money(first, "net_amount")).isEqualByComparingTo("29.00");
            assertThat(money(first, "fx_rate")).isEqualByComparingTo("1.10");
            assertThat(money(first, "amount_reporting")).isEqualByComparingTo("26.36"); // 29 / 1.1 = 26.3636…
            assertThat(money(first, "net_amount_reporting")).isEqualByComparingTo("26.36");
            assertThat(money(line(silver, "s-1", 2), "amount_reporting")).isEqualByComparingTo("18.18");
            assertThat(silver.rows(SalesProjection.FX_RATES))
                    .hasSize(2)
                    .allSatisfy(row -> assertThat(row)
                            .containsEntry("base_currency", "EUR")
                            .containsEntry("event_id", "EUR#0"));
        }
    }

    @Test
    void aSaleOnADayWithoutRatesUsesTheLatestEarlierDayAndNoneBeforeAnyRates() {
        try (SilverHarness silver = new SilverHarness(new SalesProjection("EUR"), dir.resolve("w.duckdb"))) {
            silver.handle(
                    placed(silver, "s-0", "USD", "2026-02-28T23:59:59Z", new SaleLine("p-1", 1, d("11.00"))),
                    placed(silver, "s-eur", "EUR", "2026-02-28T23:59:59Z", new SaleLine("p-1", 1, d("11.00"))),
                    rates(silver, DAY_1, Map.of("USD", d("1.10"))),
                    rates(silver, DAY_1.plusDays(5), Map.of("USD", d("2.00"))), // published early: not for day 3
                    placed(silver, "s-3", "USD", "2026-03-03T08:00:00Z", new SaleLine("p-1", 1, d("11.00"))));

            assertThat(line(silver, "s-3", 1)).containsEntry("fx_rate_day", DAY_1);
            assertThat(money(line(silver, "s-3", 1), "amount_reporting")).isEqualByComparingTo("10.00");
            Map<String, Object> beforeRates = line(silver, "s-0", 1);
            assertThat(beforeRates.get("fx_rate")).isNull();
            assertThat(beforeRates.get("amount_reporting")).isNull();
            assertThat(beforeRates.get("net_amount_reporting")).isNull();
            // A sale in the reporting currency needs no rate.
            assertThat(money(line(silver, "s-eur", 1), "net_amount_reporting")).isEqualByComparingTo("11.00");
            assertThat(line(silver, "s-eur", 1)).containsEntry("fx_rate_day", DAY_1.minusDays(1));
        }
    }

    @Test
    void anotherReportingCurrencyConvertsThroughTheCrossRateOfTheSameDay() {
        try (SilverHarness silver = new SilverHarness(new SalesProjection("GBP"), dir.resolve("w.duckdb"))) {
            silver.handle(
                    rates(silver, DAY_1, Map.of("USD", d("1.10"), "GBP", d("0.85"), "JPY", d("160"))),
                    placed(silver, "s-usd", "USD", "2026-03-01T10:00:00Z", new SaleLine("p-1", 1, d("110.00"))),
                    placed(silver, "s-eur", "EUR", "2026-03-01T10:00:00Z", new SaleLine("p-1", 1, d("100.00"))),
                    placed(silver, "s-jpy", "JPY", "2026-03-02T10:00:00Z", new SaleLine("p-1", 1, d("1999"))));

            Map<String, Object> usd = line(silver, "s-usd", 1);
            assertThat(usd).containsEntry("reporting_currency", "GBP");
            assertThat(money(usd, "fx_rate")).isEqualByComparingTo("1.2941176471"); // 1.10 / 0.85
            assertThat(money(usd, "amount_reporting")).isEqualByComparingTo("85.00");
            assertThat(money(line(silver, "s-eur", 1), "fx_rate")).isEqualByComparingTo("1.1764705882");
            assertThat(money(line(silver, "s-eur", 1), "amount_reporting")).isEqualByComparingTo("85.00");
            // 160 / 0.85 = 188.2352941176; 1999 / that = 10.619…, HALF_EVEN to 10.62; day 2 falls back to day 1
            Map<String, Object> jpy = line(silver, "s-jpy", 1);
            assertThat(money(jpy, "amount_reporting")).isEqualByComparingTo("10.62");
            assertThat(jpy).containsEntry("fx_rate_day", DAY_1);
        }
    }

    @Test
    void refundsAreNettedOnTheirLinesAtTheSalesRateUntilAFullRefundLeavesExactlyZero() {
        try (SilverHarness silver = new SilverHarness(new SalesProjection("EUR"), dir.resolve("w.duckdb"))) {
            silver.handle(
                    rates(silver, DAY_1, Map.of("USD", d("1.10"))),
                    placed(
                            silver,
                            "s-1",
                            "USD",
                            "2026-03-01T10:00:00Z",
                            new SaleLine("p-1", 3, d("10.00"), d("1.00")),
                            new SaleLine("p-2", 1, d("20.00"))),
                    silver.event("Sale", "s-1", new SaleFulfilledEvent("s-1", Instant.parse("2026-03-01T12:00:00Z"))),
                    // a later day's rate must not change the refunds' conversion
                    rates(silver, DAY_3, Map.of("USD", d("1.50"))));
            silver.handle(silver.event(
                    "Sale",
                    "s-1",
                    new SaleRefundedEvent(
                            "s-1",
                            "r-1",
                            "USD",
                            List.of(new RefundedLine("p-1", 1, d("9.67"))),
                            d("9.67"),
                            "damaged",
                            Instant.parse("2026-03-03T09:00:00Z"))));

            Map<String, Object> partial = line(silver, "s-1", 1);
            assertThat(partial).containsEntry("status", "FULFILLED").containsEntry("refunded_quantity", 1L);
            assertThat(money(partial, "refunded_amount")).isEqualByComparingTo("9.67");
            assertThat(money(partial, "net_amount")).isEqualByComparingTo("19.33");
            assertThat(money(partial, "refunded_amount_reporting")).isEqualByComparingTo("8.79"); // 9.67 / 1.10
            assertThat(money(partial, "net_amount_reporting")).isEqualByComparingTo("17.57"); // 26.36 − 8.79
            assertThat(money(line(silver, "s-1", 2), "refunded_amount")).isZero();

            silver.handle(silver.event(
                    "Sale",
                    "s-1",
                    new SaleRefundedEvent(
                            "s-1",
                            "r-2",
                            "USD",
                            List.of(new RefundedLine("p-1", 2, d("19.33")), new RefundedLine("p-2", 1, d("20.00"))),
                            d("39.33"),
                            "changed mind",
                            Instant.parse("2026-03-04T09:00:00Z"))));

            for (long number : new long[] {1, 2}) {
                Map<String, Object> full = line(silver, "s-1", number);
                assertThat(money(full, "net_amount")).isZero();
                assertThat(money(full, "net_amount_reporting")).isZero();
                assertThat(full.get("last_sequence_number")).isEqualTo(3L);
            }
            assertThat(line(silver, "s-1", 1)).containsEntry("refunded_quantity", 3L);
        }
    }

    @Test
    void aCancelledSaleKeepsItsAmountsButNetsToZero() {
        try (SilverHarness silver = new SilverHarness(new SalesProjection("EUR"), dir.resolve("w.duckdb"))) {
            silver.handle(
                    rates(silver, DAY_1, Map.of("USD", d("1.10"))),
                    placed(silver, "s-1", "USD", "2026-03-01T10:00:00Z", new SaleLine("p-1", 2, d("5.50"))),
                    silver.event(
                            "Sale",
                            "s-1",
                            new SaleCancelledEvent("s-1", "out of stock", Instant.parse("2026-03-01T11:00:00Z"))));

            Map<String, Object> row = line(silver, "s-1", 1);
            assertThat(row).containsEntry("status", "CANCELLED").containsEntry("fulfilled_at", null);
            assertThat(row.get("cancelled_at")).isNotNull();
            assertThat(money(row, "amount")).isEqualByComparingTo("11.00");
            assertThat(money(row, "amount_reporting")).isEqualByComparingTo("10.00");
            assertThat(money(row, "net_amount")).isZero();
            assertThat(money(row, "net_amount_reporting")).isZero();
        }
    }

    @Test
    void aRefundOfAProductTheSaleDoesNotSellIsAClearError() {
        try (SilverHarness silver = new SilverHarness(new SalesProjection("EUR"), dir.resolve("w.duckdb"))) {
            silver.handle(placed(silver, "s-1", "EUR", "2026-03-01T10:00:00Z", new SaleLine("p-1", 1, d("5.00"))));
            DomainEventMessage<?> refund = silver.event(
                    "Sale",
                    "s-1",
                    new SaleRefundedEvent(
                            "s-1",
                            "r-1",
                            "EUR",
                            List.of(new RefundedLine("p-9", 1, d("5.00"))),
                            d("5.00"),
                            "?",
                            Instant.parse("2026-03-02T00:00:00Z")));

            assertThatThrownBy(() -> silver.handle(refund))
                    .rootCause()
                    .hasMessageContaining("names product p-9, which no line of the sale sells");
            assertThat(money(line(silver, "s-1", 1), "net_amount")).isEqualByComparingTo("5.00");
        }
    }

    @Test
    void aReportingCurrencyThatIsNoCurrencyIsRefused() {
        assertThatThrownBy(() -> new SalesProjection("EURO"))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("salesflow.reporting-currency");
    }
}
