package dev.salesflow.app.silver;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code salesflow.replay.*}: replays into shadow tables. Checked when bound: a bad value stops the
 * start with the setting's name.
 *
 * @param flushEvery       events between two writes of the shadow tables (each write is a DuckDB commit, and
 *                         aggregates written before are deleted and inserted again: 7 writes of a 331k-event
 *                         replay took ~25 s, one ~9 s; the rows are held in memory either way, up to
 *                         {@code cachedAggregates})
 * @param cachedAggregates aggregates per table kept in memory while replaying
 */
@ConfigurationProperties("salesflow.replay")
public record ReplayProperties(
        @DefaultValue("1000000") int flushEvery,
        @DefaultValue("2000000") int cachedAggregates) {

    public ReplayProperties {
        if (flushEvery < 1) {
            throw new IllegalArgumentException("salesflow.replay.flush-every must be at least 1, got " + flushEvery);
        }
        if (cachedAggregates < 1) {
            throw new IllegalArgumentException(
                    "salesflow.replay.cached-aggregates must be at least 1, got " + cachedAggregates);
        }
    }
}
