package dev.salesflow.projections.sale;

import dev.salesflow.domain.api.Rules;
import dev.salesflow.events.fx.ExchangeRatesPublishedEvent;
import dev.salesflow.events.sale.RefundedLine;
import dev.salesflow.events.sale.SaleCancelledEvent;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SaleRefundedEvent;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.TableSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Silver group {@code silver-sales}: {@code sales_silver.sale_lines} (one row per order line, the
 * lines of a sale replaced together) and {@code sales_silver.fx_rates} (the rates it converts
 * with). Rates and sales are one group so that a sale is converted with the rates published
 * before it in the event stream, in a replay exactly as live.
 *
 * <p>Amounts: {@code amount} is the line net of its discount in the sale currency;
 * {@code refunded_amount} the sum of its refunds; {@code net_amount = amount − refunded_amount},
 * 0 once cancelled. In the reporting currency, the line keeps the rate found when it was placed
 * ({@link ReportingRates}) for everything that happens to it later: refunds are converted at
 * the sale's rate, not the refund day's, so a full refund nets to exactly 0.
 * {@code refunded_amount_reporting} is the line's total refund converted once (not a sum of
 * rounded refunds) and {@code net_amount_reporting = amount_reporting − refunded_amount_reporting}.
 * Without any rate up to the sale's day the reporting columns are null (0 once cancelled).
 */
@ProcessingGroup(SalesProjection.NAME)
public final class SalesProjection implements Projection {

    public static final String NAME = "silver-sales";

    public static final TableSpec SALE_LINES = new TableSpec(
            "sales_silver",
            "sale_lines",
            List.of(
                    Column.required("sale_id", ColumnType.STRING),
                    Column.required("line_number", ColumnType.INT64),
                    Column.required("event_id", ColumnType.STRING),
                    Column.required("customer_id", ColumnType.STRING),
                    Column.required("store_id", ColumnType.STRING),
                    Column.required("channel", ColumnType.STRING),
                    Column.required("payment_method", ColumnType.STRING),
                    Column.required("currency", ColumnType.STRING),
                    Column.required("placed_at", ColumnType.TIMESTAMP),
                    Column.required("product_id", ColumnType.STRING),
                    Column.required("quantity", ColumnType.INT64),
                    Column.money("unit_price", false),
                    Column.money("discount", false),
                    Column.money("amount", false),
                    Column.required("status", ColumnType.STRING),
                    Column.optional("fulfilled_at", ColumnType.TIMESTAMP),
                    Column.optional("cancelled_at", ColumnType.TIMESTAMP),
                    Column.required("refunded_quantity", ColumnType.INT64),
                    Column.money("refunded_amount", false),
                    Column.money("net_amount", false),
                    Column.required("reporting_currency", ColumnType.STRING),
                    Column.decimal("fx_rate", ReportingRates.RATE_SCALE, true),
                    Column.optional("fx_rate_day", ColumnType.DATE),
                    Column.money("amount_reporting", true),
                    Column.money("refunded_amount_reporting", true),
                    Column.money("net_amount_reporting", true),
                    Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("sale_id", "line_number"),
            "sale_id");

    public static final TableSpec FX_RATES = new TableSpec(
            "sales_silver",
            "fx_rates",
            List.of(
                    Column.required("base_currency", ColumnType.STRING),
                    Column.required("currency", ColumnType.STRING),
                    Column.required("day", ColumnType.DATE),
                    Column.decimal("rate", ReportingRates.RATE_SCALE, false),
                    Column.required("published_at", ColumnType.TIMESTAMP),
                    Column.required("event_id", ColumnType.STRING),
                    Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("base_currency", "currency", "day"),
            "base_currency");

    private final String reportingCurrency;
    /** The rates index of the last fx rows seen (rows lists are replaced, never changed, on a put). */
    private volatile RatesIndex ratesIndex;

    private record RatesIndex(List<Object[]> rows, ReportingRates rates) {}

    /** @param reportingCurrency ISO code of the currency amounts are also reported in (EUR by default) */
    public SalesProjection(String reportingCurrency) {
        Rules.requireCurrency(reportingCurrency, "reporting currency", "salesflow.reporting-currency");
        this.reportingCurrency = reportingCurrency;
    }

    public String reportingCurrency() {
        return reportingCurrency;
    }

    @Override
    public List<TableSpec> tables() {
        return List.of(SALE_LINES, FX_RATES);
    }

    @EventHandler
    void on(SaleFulfilledEvent fulfilled, EventContext event, ProjectionRows rows) {
        change(fulfilled.saleId(), event, rows, line -> line.fulfilled(fulfilled.fulfilledAt()));
    }

    @EventHandler
    void on(SaleCancelledEvent cancelled, EventContext event, ProjectionRows rows) {
        change(cancelled.saleId(), event, rows, line -> line.cancelled(cancelled.cancelledAt()));
    }

    @EventHandler
    void on(ExchangeRatesPublishedEvent published, EventContext event, ProjectionRows rows) {
        String base = published.baseCurrency();
        List<Object[]> current = rows.of(FX_RATES, base);
        List<FxRateRow> held = current.stream().map(FxRateRow::of).toList();
        for (FxRateRow row : held) {
            if (row.lastSequenceNumber() >= event.sequenceNumber()) {
                return; // this publication (or a later one) is already in the rows
            }
        }
        List<Object[]> next = new ArrayList<>();
        for (FxRateRow row : held) {
            if (!published.day().equals(row.day())) {
                next.add(row.toRow());
            }
        }
        for (Map.Entry<String, BigDecimal> rate : published.rates().entrySet()) {
            next.add(new FxRateRow(
                            base,
                            rate.getKey(),
                            published.day(),
                            rate.getValue(),
                            published.publishedAt(),
                            event.eventId(),
                            event.sequenceNumber())
                    .toRow());
        }
        rows.put(FX_RATES, base, next);
    }

    @EventHandler
    void on(SalePlacedEvent sale, EventContext event, ProjectionRows rows) {
        List<Object[]> current = rows.ofNew(SALE_LINES, sale.saleId());
        if (!current.isEmpty() && SaleLineRow.of(current.get(0)).lastSequenceNumber() >= event.sequenceNumber()) {
            return;
        }
        ReportingRates.Rate rate = rates(rows)
                .rate(sale.currency(), reportingCurrency, LocalDate.ofInstant(sale.placedAt(), ZoneOffset.UTC));
        List<Object[]> lines = new ArrayList<>();
        for (int i = 0; i < sale.lines().size(); i++) {
            SaleLine line = sale.lines().get(i);
            lines.add(SaleLineRow.placed(sale, i + 1, line, event, reportingCurrency, rate)
                    .toRow());
        }
        rows.put(SALE_LINES, sale.saleId(), lines);
    }

    @EventHandler
    void on(SaleRefundedEvent refund, EventContext event, ProjectionRows rows) {
        List<Object[]> current = rows.of(SALE_LINES, refund.saleId());
        if (current.isEmpty() || SaleLineRow.of(current.get(0)).lastSequenceNumber() >= event.sequenceNumber()) {
            return;
        }
        List<SaleLineRow> lines =
                new ArrayList<>(current.stream().map(SaleLineRow::of).toList());
        for (RefundedLine refunded : refund.lines()) {
            int index = indexOfProduct(lines, refunded.productId());
            if (index < 0) {
                throw new IllegalArgumentException("Refund " + refund.refundId() + " of sale " + refund.saleId()
                        + " (event " + event.eventId() + ") names product " + refunded.productId()
                        + ", which no line of the sale sells; the sale's events are inconsistent: inspect them"
                        + " in the event store");
            }
            lines.set(index, lines.get(index).refunded(refunded.quantity(), refunded.amount()));
        }
        rows.put(
                SALE_LINES,
                refund.saleId(),
                lines.stream()
                        .map(line -> line.at(event.sequenceNumber()).toRow())
                        .toList());
    }

    private static int indexOfProduct(List<SaleLineRow> lines, String productId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).productId().equals(productId)) {
                return i;
            }
        }
        return -1;
    }

    /** Applies {@code change} to every line of the sale unless its rows already reflect the event. */
    private static void change(
            String saleId, EventContext event, ProjectionRows rows, UnaryOperator<SaleLineRow> change) {
        List<Object[]> current = rows.of(SALE_LINES, saleId);
        if (current.isEmpty() || SaleLineRow.of(current.get(0)).lastSequenceNumber() >= event.sequenceNumber()) {
            return;
        }
        rows.put(
                SALE_LINES,
                saleId,
                current.stream()
                        .map(row -> change.apply(SaleLineRow.of(row))
                                .at(event.sequenceNumber())
                                .toRow())
                        .toList());
    }

    private ReportingRates rates(ProjectionRows rows) {
        List<Object[]> fx = rows.of(FX_RATES, ReportingRates.BASE);
        RatesIndex index = ratesIndex;
        if (index == null || index.rows() != fx) {
            index = new RatesIndex(fx, ReportingRates.of(fx));
            ratesIndex = index;
        }
        return index.rates();
    }
}
