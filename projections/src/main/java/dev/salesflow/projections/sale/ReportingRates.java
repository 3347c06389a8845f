package dev.salesflow.projections.sale;

import dev.salesflow.events.Currencies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The published rates (units of a currency per one {@link #BASE}) by day, as the projection
 * knows them, and the conversion of sale amounts into the reporting currency with them.
 *
 * <p>Rule: the rate of a sale is the one of the UTC day of its business time; if that day has no
 * rates for both currencies, the latest earlier day that has them. Rates are against EUR, so
 * another reporting currency R converts through the cross rate {@code rate(C) / rate(R)} of that
 * same day, kept to {@link #RATE_SCALE} decimals (HALF_EVEN). Amounts are divided by that stored
 * rate and rounded HALF_EVEN to 2 decimals, so anyone can recompute them from the row.
 */
final class ReportingRates {

    /** The currency every publication is quoted against. */
    static final String BASE = Currencies.BASE;

    static final int RATE_SCALE = 10;
    static final int AMOUNT_SCALE = 2;

    /** Rate of one sale: sale-currency units per one reporting unit, and the day it was published for. */
    record Rate(BigDecimal rate, LocalDate day) {}

    private final NavigableMap<LocalDate, Map<String, BigDecimal>> byDay = new TreeMap<>();

    /** From {@code sales_silver.fx_rates} rows of base {@link #BASE}. */
    static ReportingRates of(List<Object[]> fxRows) {
        ReportingRates rates = new ReportingRates();
        for (Object[] values : fxRows) {
            FxRateRow row = FxRateRow.of(values);
            rates.byDay.computeIfAbsent(row.day(), day -> new HashMap<>()).put(row.currency(), row.rate());
        }
        return rates;
    }

    /** The rate for a sale in {@code currency} on {@code day}, or null if no day up to it has one. */
    Rate rate(String currency, String reportingCurrency, LocalDate day) {
        if (currency.equals(reportingCurrency)) {
            return new Rate(BigDecimal.ONE.setScale(RATE_SCALE), day);
        }
        for (Map.Entry<LocalDate, Map<String, BigDecimal>> entry = byDay.floorEntry(day);
                entry != null;
                entry = byDay.lowerEntry(entry.getKey())) {
            BigDecimal sale = perBase(entry.getValue(), currency);
            BigDecimal reporting = perBase(entry.getValue(), reportingCurrency);
            if (sale != null && reporting != null) {
                return new Rate(sale.divide(reporting, RATE_SCALE, RoundingMode.HALF_EVEN), entry.getKey());
            }
        }
        return null;
    }

    private static BigDecimal perBase(Map<String, BigDecimal> rates, String currency) {
        return BASE.equals(currency) ? BigDecimal.ONE : rates.get(currency);
    }
}
