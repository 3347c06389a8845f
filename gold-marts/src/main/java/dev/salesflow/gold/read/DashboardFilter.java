package dev.salesflow.gold.read;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The filters of the dashboard, already validated (DashboardApi): an inclusive business-date range
 * (UTC days, either end open), a store country, a sales channel, a sale currency, and whether amounts
 * are summed in the reporting currency or in the sale currency (the latter only with one sale
 * currency chosen, since amounts in several currencies do not add up).
 */
public record DashboardFilter(
        LocalDate from, LocalDate to, String country, String channel, String currency, Amounts amounts) {

    public enum Amounts {
        REPORTING,
        SALE
    }

    public static final DashboardFilter NONE = new DashboardFilter(null, null, null, null, null, Amounts.REPORTING);

    /** Nothing chosen: every panel reads its all-time mart as it is. */
    public boolean isEmpty() {
        return from == null && to == null && !hasDimensions();
    }

    /** A country, channel or currency is chosen (or sale-currency amounts): only the fact table can answer. */
    public boolean hasDimensions() {
        return country != null || channel != null || currency != null || amounts == Amounts.SALE;
    }

    public DashboardFilter withDates(LocalDate newFrom, LocalDate newTo) {
        return new DashboardFilter(newFrom, newTo, country, channel, currency, amounts);
    }

    /** The same number of days immediately before [from, to]. */
    public static LocalDate[] previousPeriod(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return new LocalDate[] {from.minusDays(days), from.minusDays(1)};
    }
}
