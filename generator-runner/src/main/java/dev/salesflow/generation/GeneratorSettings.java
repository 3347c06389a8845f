package dev.salesflow.generation;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated business. Live (default): {@code rate} sales per second (0 = as fast as possible)
 * at business time now. Backfill ({@code backfillDays} set): that many days of history before
 * {@code until} (default: the start of the current UTC day, or the one the data directory was
 * made with) at {@code salesPerDay} on average, sent as fast as possible, then generation stops.
 * {@code maxBacklog}: before each command the generator waits while the slowest running stage after
 * the event store (relay, projections, bronze) is more than this many events behind it, until it is
 * back at three quarters of it; 0 = no bound.
 */
public record GeneratorSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("42") long seed,
        @DefaultValue("20") double rate,
        Long count,
        Duration duration,
        @DefaultValue(GeneratorSettings.PRODUCTS) int products,
        @DefaultValue(GeneratorSettings.CUSTOMERS) int customers,
        @DefaultValue(GeneratorSettings.STORES) int stores,
        Integer backfillDays,
        @DefaultValue("2000") double salesPerDay,
        Instant until,
        @DefaultValue(GeneratorSettings.MAX_BACKLOG) long maxBacklog) {

    /** Bound by Spring through this (canonical) constructor, not the shorter one below. */
    @ConstructorBinding
    public GeneratorSettings {}

    /** Catalogue sizes of the simulated shop unless configured (also read by the command line's early seed check). */
    public static final String PRODUCTS = "120";

    public static final String CUSTOMERS = "20000";
    public static final String STORES = "48";

    /**
     * Events the slowest stage may be behind the store before the generator waits. Measured with
     * {@code bench/soak.sh --minutes 4 --rate 480 --heap 1g} (~1,000 events/s asked) on this 2-core
     * host shared with other builds: with 1,000 the projections' lag p99 was 1.5-2.1 s (load 10-14),
     * with 500 it was 0.85-1.3 s (load 7-11) at the same stored rate (700-890 events/s, the
     * generator held back a quarter of the time in both) and heap. Issue 14's soak asks for a p99
     * under 2 s, so 500 leaves room. It also bounds what Axon keeps in memory for lagging readers.
     */
    public static final String MAX_BACKLOG = "500";

    /** The settings without a backlog bound given: the default bound. */
    public GeneratorSettings(
            boolean enabled,
            long seed,
            double rate,
            Long count,
            Duration duration,
            int products,
            int customers,
            int stores,
            Integer backfillDays,
            double salesPerDay,
            Instant until) {
        this(
                enabled,
                seed,
                rate,
                count,
                duration,
                products,
                customers,
                stores,
                backfillDays,
                salesPerDay,
                until,
                Long.parseLong(MAX_BACKLOG));
    }

    public static final int DEFAULT_PRODUCTS = Integer.parseInt(PRODUCTS);
    public static final int DEFAULT_CUSTOMERS = Integer.parseInt(CUSTOMERS);
    public static final int DEFAULT_STORES = Integer.parseInt(STORES);

    public boolean backfill() {
        return backfillDays != null;
    }

    /**
     * A backfill's bound is this many times {@code maxBacklog}: it sends as fast as it can and is
     * judged by when every stage holds every event, not by lag, and small bounds make the processors
     * read smaller batches (each paying its commit). Measured with {@code bench-end-to-end
     * --backfill-days 7} at load 11-19 (noisy): CPU seconds until bronze held every event 98.6 and
     * 118.9 without a bound, 108.7 and 126.6 with a bound of 1,000, 119.2 with 10,000. Ten times the
     * live bound keeps the read-ahead Axon holds in memory bounded all the same.
     */
    public static final int BACKFILL_BACKLOG_FACTOR = 10;

    /** The bound the generator applies: {@code maxBacklog}, times {@link #BACKFILL_BACKLOG_FACTOR} for a backfill. */
    public long effectiveMaxBacklog() {
        return backfill() ? maxBacklog * BACKFILL_BACKLOG_FACTOR : maxBacklog;
    }
}
