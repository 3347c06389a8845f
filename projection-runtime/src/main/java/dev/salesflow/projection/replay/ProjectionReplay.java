package dev.salesflow.projection.replay;

import dev.salesflow.projection.replay.ReplayProgress.Phase;
import dev.salesflow.projection.replay.ReplayResult.TableComparison;
import dev.salesflow.projection.replay.ReplayResult.Timings;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Rebuilds projections from the event store into shadow tables and switches to them only when
 * they are complete, so readers never see a half-built model.
 *
 * <ol>
 *   <li>Fresh {@code …__rebuild} tables (leftovers of an interrupted replay are dropped).</li>
 *   <li>Every event, in global order, goes to each projection through its own
 *       {@link ProjectionRows} on the shadows, through {@link Projection#handle} to its typed
 *       {@code @EventHandler} methods: the dispatch and code the live processor runs.</li>
 *   <li>Caught up with the head: the live processors stop, the replay reads what was appended
 *       meanwhile until nothing more is available, and writes everything.</li>
 *   <li>Verify: every key unique in each shadow; checksums of rebuilt and live tables.</li>
 *   <li>Switch over all tables in one transaction; each live processor continues right after the
 *       replay's token, so an event appended during the replay is handled exactly once.</li>
 * </ol>
 * Anything failing before the switch drops the shadows and restarts the live processors where
 * they stopped: the live tables are untouched.
 *
 * <p>One replay at a time per store; not thread-safe.
 */
public final class ProjectionReplay {

    /**
     * @param flushEvery       events between writes of the changed rows
     * @param cachedAggregates aggregates per table kept in memory (a replay touches each once, in bursts)
     * @param progressEvery    interval of progress reports
     * @param batchesAhead     batches read and deserialised ahead of the one being applied, on another thread
     */
    public record Settings(int flushEvery, int cachedAggregates, Duration progressEvery, int batchesAhead) {
        public Settings(int flushEvery, int cachedAggregates, Duration progressEvery) {
            this(flushEvery, cachedAggregates, progressEvery, 2);
        }

        public static Settings defaults() {
            return new Settings(20_000, 2_000_000, Duration.ofSeconds(2));
        }
    }

    private final ReplayEventSource source;
    private final TableStore store;
    private final Settings settings;
    private final Consumer<ReplayProgress> progress;

    private long readNanos;
    private long waitNanos;
    private long applyNanos;
    private long writeNanos;
    private long events;
    private long position;
    private long head;
    private TrackingToken token;
    private long lastReportNanos;
    private long lastReportEvents;
    private volatile boolean cancelled;

    public ProjectionReplay(
            ReplayEventSource source, TableStore store, Settings settings, Consumer<ReplayProgress> progress) {
        this.source = source;
        this.store = store;
        this.settings = settings;
        this.progress = progress;
    }

    /** Asks a running replay to stop before it switches over (it then fails, leaving the live tables as they were). */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Rebuilds {@code projections} and switches to the result.
     *
     * @throws ReplayFailedException if it did not switch over; the live tables are unchanged
     */
    public ReplayResult run(List<Projection> projections, LiveProcessors live) {
        if (projections.isEmpty()) {
            throw new IllegalArgumentException("No projection to replay");
        }
        long start = System.nanoTime();
        List<ProjectionRows> rows = new ArrayList<>();
        List<Projection> paused = new ArrayList<>();
        boolean switched = false;
        try {
            report(Phase.PREPARING, true);
            for (Projection projection : projections) {
                for (TableSpec table : projection.tables()) {
                    store.drop(table.shadow());
                    store.create(table.shadow());
                }
                // Fresh shadows only this replay writes: an aggregate not in memory has no rows, no need to ask.
                rows.add(ProjectionRows.ofFreshTables(store, projection.tables(), true, settings.cachedAggregates()));
            }
            readUntilCaughtUp(projections, rows, Phase.CATCHING_UP);
            // Caught up: stop the live side, then take what was appended meanwhile. From here no event
            // is handled by the live processors until they resume after this replay's token.
            long livePosition = -1;
            for (Projection projection : projections) {
                live.pause(projection);
                paused.add(projection);
                livePosition = Math.max(livePosition, live.livePosition(projection));
            }
            readUntilCaughtUp(projections, rows, Phase.FINAL_CATCH_UP);
            flush(rows);
            checkNotCancelled();

            long finishStart = System.nanoTime();
            report(Phase.VERIFYING, true);
            List<TableComparison> comparisons = verify(projections);
            checkNotCancelled();
            report(Phase.SWITCHING_OVER, true);
            List<TableSpec> liveTables =
                    projections.stream().flatMap(p -> p.tables().stream()).toList();
            store.switchOver(liveTables);
            switched = true;
            for (Projection projection : projections) {
                live.resumeAfter(projection, token);
            }
            long end = System.nanoTime();
            report(Phase.DONE, true);
            return new ReplayResult(
                    projections.stream().map(Projection::name).toList(),
                    events,
                    position,
                    livePosition,
                    comparisons,
                    new Timings(readNanos, waitNanos, applyNanos, writeNanos, end - finishStart, end - start));
        } catch (RuntimeException e) {
            report(Phase.FAILED, true);
            if (switched) {
                // The new tables are live but a processor could not be moved to the replay's token. Its old
                // token is at or before the replay's (it was stopped first), so it handles some events again,
                // which the projections ignore by sequence number.
                throw new ReplayFailedException(
                        "Switched to the rebuilt tables, but restarting the live processors "
                                + "after the replay's position failed: " + e.getMessage()
                                + ". Restart the application; the processors continue from their own tokens.",
                        e);
            }
            for (Projection projection : projections) {
                for (TableSpec table : projection.tables()) {
                    try {
                        store.drop(table.shadow());
                    } catch (RuntimeException dropFailed) {
                        e.addSuppressed(dropFailed);
                    }
                }
            }
            for (Projection projection : paused) {
                try {
                    live.resumeUnchanged(projection);
                } catch (RuntimeException resumeFailed) {
                    e.addSuppressed(resumeFailed);
                }
            }
            throw e instanceof ReplayFailedException failed
                    ? failed
                    : new ReplayFailedException(
                            "Replay failed before the switch-over, the live tables are unchanged: " + e.getMessage(),
                            e);
        }
    }

    private void readUntilCaughtUp(List<Projection> projections, List<ProjectionRows> rows, Phase phase) {
        head = source.headPosition();
        report(phase, true);
        long sinceFlush = 0;
        try (ReadAhead reader = new ReadAhead(source, token, settings.batchesAhead())) {
            while (true) {
                checkNotCancelled();
                long waitStart = System.nanoTime();
                ReadAhead.Batch next = reader.next();
                long applyStart = System.nanoTime();
                waitNanos += applyStart - waitStart;
                readNanos += next.readNanos();
                List<? extends TrackedEventMessage<?>> batch = next.events();
                if (batch.isEmpty()) {
                    return;
                }
                for (TrackedEventMessage<?> event : batch) {
                    if (event instanceof DomainEventMessage<?> domain) {
                        EventContext context = new EventContext(
                                domain.getIdentifier(), domain.getAggregateIdentifier(), domain.getSequenceNumber());
                        Object payload = domain.getPayload();
                        for (int i = 0; i < projections.size(); i++) {
                            projections.get(i).handle(payload, context, rows.get(i));
                        }
                    }
                }
                applyNanos += System.nanoTime() - applyStart;
                TrackedEventMessage<?> last = batch.get(batch.size() - 1);
                token = last.trackingToken();
                position = token.position().orElse(position);
                events += batch.size();
                sinceFlush += batch.size();
                if (sinceFlush >= settings.flushEvery()) {
                    flush(rows);
                    sinceFlush = 0;
                }
                if (position > head) {
                    head = source.headPosition();
                }
                report(phase, false);
            }
        }
    }

    private void flush(List<ProjectionRows> rows) {
        long start = System.nanoTime();
        for (ProjectionRows projectionRows : rows) {
            projectionRows.flush();
        }
        writeNanos += System.nanoTime() - start;
    }

    private List<TableComparison> verify(List<Projection> projections) {
        List<TableComparison> comparisons = new ArrayList<>();
        Map<String, Long> duplicates = new LinkedHashMap<>();
        for (Projection projection : projections) {
            for (TableSpec table : projection.tables()) {
                long duplicateKeys = store.duplicateKeys(table.shadow());
                if (duplicateKeys > 0) {
                    duplicates.put(table.shadow().qualifiedName(), duplicateKeys);
                }
                TableChecksum rebuilt = store.checksum(table.shadow());
                // The live table may be missing (never built); create() makes an empty one, as the live handler would.
                store.create(table);
                comparisons.add(new TableComparison(rebuilt, store.checksum(table)));
            }
        }
        if (!duplicates.isEmpty()) {
            throw new ReplayFailedException(
                    "Rebuilt tables have rows sharing a key " + duplicates
                            + ": a projection writes two rows with one key; fix it and replay again",
                    null);
        }
        return comparisons;
    }

    private void checkNotCancelled() {
        if (cancelled) {
            throw new ReplayFailedException("Replay cancelled before the switch-over", null);
        }
    }

    private void report(Phase phase, boolean always) {
        long now = System.nanoTime();
        if (!always && now - lastReportNanos < settings.progressEvery().toNanos()) {
            return;
        }
        double seconds = lastReportNanos == 0 ? 0 : (now - lastReportNanos) / 1e9;
        double rate = seconds > 0 ? (events - lastReportEvents) / seconds : 0;
        Duration eta = rate > 0 && head >= position ? Duration.ofSeconds((long) ((head - position) / rate)) : null;
        progress.accept(new ReplayProgress(phase, events, position, head, rate, eta));
        if (!always || lastReportNanos == 0) {
            lastReportNanos = now;
            lastReportEvents = events;
        }
    }
}
