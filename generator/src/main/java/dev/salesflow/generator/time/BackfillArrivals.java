package dev.salesflow.generator.time;

import dev.salesflow.generator.chance.Seeds;
import dev.salesflow.generator.chance.Stream;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Arrival times of a backfill: a Poisson process whose rate follows the weekly intensity hour by
 * hour, scaled so that a day has {@code salesPerDay} sales on average. Within an hour the gaps
 * are exponential; at an hour boundary the draw restarts with the next hour's rate (the process
 * is memoryless, so this is exact). Whole milliseconds, never decreasing.
 */
public final class BackfillArrivals {

    private static final double MILLIS_PER_HOUR = 3_600_000d;

    private final double[] ratePerMilli = new double[168];
    private final SplittableRandom random;
    private final long untilMillis;
    private double nowMillis;

    public BackfillArrivals(long seed, Instant from, Instant until, double salesPerDay, double[] weeklyIntensity) {
        this.random = Seeds.randomFor(seed, Stream.ARRIVAL, 0);
        this.nowMillis = from.toEpochMilli();
        this.untilMillis = until.toEpochMilli();
        for (int how = 0; how < 168; how++) {
            ratePerMilli[how] = salesPerDay / 86_400_000d * weeklyIntensity[how];
        }
    }

    /** The next arrival, or null once the history reaches {@code until}. */
    public Instant next() {
        while (nowMillis < untilMillis) {
            double hourStart = Math.floor(nowMillis / MILLIS_PER_HOUR) * MILLIS_PER_HOUR;
            double hourEnd = hourStart + MILLIS_PER_HOUR;
            double rate = ratePerMilli[Seasonality.hourOfWeek(Instant.ofEpochMilli((long) hourStart))];
            double gap = -Math.log(1 - random.nextDouble()) / rate;
            if (nowMillis + gap < hourEnd) {
                nowMillis += gap;
                long at = (long) nowMillis;
                return at < untilMillis ? Instant.ofEpochMilli(at) : null;
            }
            nowMillis = hourEnd;
        }
        return null;
    }
}
