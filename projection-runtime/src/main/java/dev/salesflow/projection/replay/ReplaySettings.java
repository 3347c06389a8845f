package dev.salesflow.projection.replay;

import java.nio.file.Path;

/**
 * What the replay needs to know, handed over by the application from its bound settings.
 *
 * @param dataDir          the data directory, named in reports
 * @param flushEvery       events between two writes of the shadow tables
 * @param cachedAggregates aggregates per table kept in memory while replaying
 */
public record ReplaySettings(Path dataDir, int flushEvery, int cachedAggregates) {}
