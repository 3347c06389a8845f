package dev.salesflow.generation;

import dev.salesflow.generator.Backfill;
import dev.salesflow.generator.SimulationSettings;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that decides the sequence of generated commands, resolved: the shop, and the
 * backfill (null for a live run). Two runs with equal plans send equal commands.
 */
public record GeneratorPlan(SimulationSettings settings, Backfill backfill) {

    /** The plan of these options; a backfill without {@code until} ends at {@code defaultUntil}. */
    public static GeneratorPlan of(GeneratorSettings options, Instant defaultUntil) {
        SimulationSettings settings =
                new SimulationSettings(options.seed(), options.products(), options.customers(), options.stores());
        if (!options.backfill()) {
            return new GeneratorPlan(settings, null);
        }
        Instant until = options.until() != null ? options.until() : defaultUntil;
        return new GeneratorPlan(settings, new Backfill(options.backfillDays(), options.salesPerDay(), until));
    }

    /** As stored in the data directory; keys sorted. */
    public Map<String, String> describe() {
        Map<String, String> values = new TreeMap<>();
        values.put("seed", Long.toString(settings.seed()));
        values.put("products", Integer.toString(settings.products()));
        values.put("customers", Integer.toString(settings.customers()));
        values.put("stores", Integer.toString(settings.stores()));
        values.put("mode", backfill == null ? "live" : "backfill");
        if (backfill != null) {
            values.put("backfill-days", Integer.toString(backfill.days()));
            values.put("sales-per-day", Double.toString(backfill.salesPerDay()));
            values.put("until", backfill.until().toString());
        }
        return values;
    }
}
