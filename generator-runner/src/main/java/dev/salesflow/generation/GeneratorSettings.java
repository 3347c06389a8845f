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
     * Events the slowest stage may be behind the store before the generator waits: about one second
     * of the soak's 1,000 events/s, so the projections' lag stays near a second when the pipeline is
     * the bottleneck (issue 14's soak: lag p99 under 2 s), and a bounded number of unread events
     * stays in Axon's in-memory read-ahead instead of a growing backlog.
     */
    public static final String MAX_BACKLOG = "1000";

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
     * measured by when every stage holds every event, not by lag. With the live bound (1,000) a
     * 7-day backfill took ~10 % more CPU until bronze held everything (108.7 against 98.6 CPU
     * seconds without a bound, bench-end-to-end at load 12-19), as the processors then read batches
     * of a few hundred events instead of up to 1,000 and pay their per-batch commit more often. Ten
     * times the bound still keeps Axon's in-memory read-ahead bounded (the soak's heap failure).
     */
    public static final int BACKFILL_BACKLOG_FACTOR = 10;

    /** The bound the generator applies: {@code maxBacklog}, times {@link #BACKFILL_BACKLOG_FACTOR} for a backfill. */
    public long effectiveMaxBacklog() {
        return backfill() ? maxBacklog * BACKFILL_BACKLOG_FACTOR : maxBacklog;
    }
}
