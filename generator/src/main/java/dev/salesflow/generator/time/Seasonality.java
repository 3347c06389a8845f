package dev.salesflow.generator.time;

import dev.salesflow.generator.catalogue.Country;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * When people shop, in their own local time: an hour-of-day curve (quiet at night, lunchtime
 * bump, evening peak at 20:00) times a day-of-week curve (weekend highest, Tuesday lowest). Each
 * market runs on its fixed standard-time offset, so at 20:00 UTC Europe is at its peak while
 * Japan sleeps. Shops are open 09:00-20:00 local, and closed on Sunday where the law says so.
 */
public final class Seasonality {

    /** Relative intensity per local hour 00..23. */
    static final double[] HOUR = {
        0.30, 0.18, 0.10, 0.07, 0.06, 0.08, 0.18, 0.35, 0.55, 0.75, 0.95, 1.05,
        1.15, 1.10, 1.05, 1.05, 1.10, 1.20, 1.40, 1.60, 1.75, 1.60, 1.15, 0.65
    };
    /** Relative intensity Monday..Sunday. */
    static final double[] DAY = {0.95, 0.88, 0.93, 1.00, 1.10, 1.30, 1.18};
    /** Shops are closed on Sunday in these markets. */
    private static final Set<String> SUNDAY_CLOSED = Set.of("DE", "PL", "CH");

    private static final int OPENS = 9;
    private static final int CLOSES = 20;

    private Seasonality() {}

    /** Hour of the week in UTC, Monday 00:00 = 0. */
    public static int hourOfWeek(Instant at) {
        long hour = Math.floorDiv(at.getEpochSecond(), 3600);
        // 1970-01-01 was a Thursday: day 3 counting from Monday.
        long dayOfWeek = Math.floorMod(Math.floorDiv(hour, 24) + 3, 7);
        return (int) (dayOfWeek * 24 + Math.floorMod(hour, 24));
    }

    /** The same moment on the market's local clock. */
    public static int localHourOfWeek(int utcHourOfWeek, Country country) {
        return Math.floorMod(utcHourOfWeek + country.utcOffset(), 168);
    }

    /** Relative shopping intensity at a local hour of the week. */
    public static double localIntensity(int localHourOfWeek) {
        return HOUR[localHourOfWeek % 24] * DAY[localHourOfWeek / 24];
    }

    public static boolean shopsOpen(Country country, int utcHourOfWeek) {
        int local = localHourOfWeek(utcHourOfWeek, country);
        int hour = local % 24;
        boolean sunday = local / 24 == 6;
        return hour >= OPENS && hour < CLOSES && !(sunday && SUNDAY_CLOSED.contains(country.code()));
    }

    /**
     * Intensity of the whole business per UTC hour of the week: the markets' curves weighted by
     * their size, scaled to a mean of 1.
     */
    public static double[] weeklyIntensity(List<Country> markets, double[] weights) {
        double[] intensity = new double[168];
        double total = 0;
        for (int how = 0; how < 168; how++) {
            for (int c = 0; c < markets.size(); c++) {
                intensity[how] += weights[c] * localIntensity(localHourOfWeek(how, markets.get(c)));
            }
            total += intensity[how];
        }
        double mean = total / 168;
        for (int how = 0; how < 168; how++) {
            intensity[how] /= mean;
        }
        return intensity;
    }
}
