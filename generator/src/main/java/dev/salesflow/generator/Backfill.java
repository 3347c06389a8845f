package dev.salesflow.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A history to generate: {@code days} days ending at {@code until} (exclusive), with on average
 * {@code salesPerDay} sales a day spread by the weekly seasonality.
 */
public record Backfill(int days, double salesPerDay, Instant until) {

    public static final double DEFAULT_SALES_PER_DAY = 2_000;

    public Backfill {
        if (days < 1) {
            throw new IllegalArgumentException("a backfill needs at least one day, got " + days);
        }
        if (!(salesPerDay > 0) || Double.isInfinite(salesPerDay)) {
            throw new IllegalArgumentException("sales per day must be positive, got " + salesPerDay);
        }
        Objects.requireNonNull(until, "until");
    }

    /** Start of the history: the catalogue is created then. */
    public Instant from() {
        return until.minus(Duration.ofDays(days));
    }
}
