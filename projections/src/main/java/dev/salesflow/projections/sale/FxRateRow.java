package dev.salesflow.projections.sale;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code sales_silver.fx_rates}: units of {@code currency} per one {@code baseCurrency} on {@code day}. */
record FxRateRow(
        String baseCurrency,
        String currency,
        LocalDate day,
        BigDecimal rate,
        Instant publishedAt,
        String eventId,
        long lastSequenceNumber) {

    static FxRateRow of(Object[] row) {
        return new FxRateRow(
                (String) row[0],
                (String) row[1],
                (LocalDate) row[2],
                (BigDecimal) row[3],
                (Instant) row[4],
                (String) row[5],
                (Long) row[6]);
    }

    Object[] toRow() {
        return SalesProjection.FX_RATES.row(
                baseCurrency, currency, day, rate, publishedAt, eventId, lastSequenceNumber);
    }
}
