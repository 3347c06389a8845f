package dev.salesflow.generation;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated business. Live (default): {@code rate} sales per second (0 = as fast as possible)
 * at business time now. Backfill ({@code backfillDays} set): that many days of history before
 * {@code until} (default: the start of the current UTC day, or the one the data directory was
 * made with) at {@code salesPerDay} on average, sent as fast as possible, then generation stops.
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
        Instant until) {

    /** Catalogue sizes of the simulated shop unless configured (also read by the command line's early seed check). */
    public static final String PRODUCTS = "120";

    public static final String CUSTOMERS = "20000";
    public static final String STORES = "48";
    public static final int DEFAULT_PRODUCTS = Integer.parseInt(PRODUCTS);
    public static final int DEFAULT_CUSTOMERS = Integer.parseInt(CUSTOMERS);
    public static final int DEFAULT_STORES = Integer.parseInt(STORES);

    public boolean backfill() {
        return backfillDays != null;
    }
}
