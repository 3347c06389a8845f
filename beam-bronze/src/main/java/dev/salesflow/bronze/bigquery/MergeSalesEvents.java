package dev.salesflow.bronze.bigquery;

import dev.salesflow.bronze.bigquery.BigQueryStatements.Parameter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PeriodicImpulse;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PDone;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's own schedule for {@code merge_sales_events.sql}: every {@code every}, the arrivals in
 * {@code sales_events_landing} since the last merged one (less {@code lookback}, for rows that became
 * visible late) are merged into {@code sales_events}, one row per {@code event_id}, and conflicting
 * arrivals are dead-lettered. A run that fails is logged and counted ({@code merge_failures}); the
 * next run takes the same window again, so the landing side never waits for the merge.
 *
 * <p>The watermark lives in the running DoFn: after a (re)start the first run reads the whole landing
 * table (at most its {@value BronzeTableLayout#LANDING_EXPIRATION_DAYS} days), which also catches
 * anything the previous job had not merged.
 */
public final class MergeSalesEvents extends PTransform<PBegin, PDone> {

    private final BronzeSql.Tables tables;
    private final Duration every;
    private final java.time.Duration lookback;
    private final @Nullable BigQueryStatements statements;
    private final @Nullable Duration stopAfter;

    /**
     * @param statements {@code null} in production (BigQuery through REST with the job's credentials);
     *                   a stand-in in tests
     * @param stopAfter  {@code null} in production (runs as long as the job); tests end the schedule
     */
    public MergeSalesEvents(
            BronzeSql.Tables tables,
            Duration every,
            java.time.Duration lookback,
            @Nullable BigQueryStatements statements,
            @Nullable Duration stopAfter) {
        this.tables = tables;
        this.every = every;
        this.lookback = lookback;
        this.statements = statements;
        this.stopAfter = stopAfter;
    }

    @Override
    public PDone expand(PBegin begin) {
        PeriodicImpulse ticks = PeriodicImpulse.create().withInterval(every);
        if (stopAfter != null) {
            ticks = ticks.stopAfter(stopAfter);
        }
        begin.apply("Every" + every.getStandardSeconds() + "s", ticks)
                .apply("RunMerge", ParDo.of(new MergeFn(tables, lookback, statements)));
        return PDone.in(begin.getPipeline());
    }

    /** One merge run per tick; keeps the watermark between runs. */
    static final class MergeFn extends DoFn<org.joda.time.Instant, Void> {

        private static final Logger LOG = LoggerFactory.getLogger(MergeFn.class);

        private final BronzeSql.Tables tables;
        private final java.time.Duration lookback;
        private @Nullable BigQueryStatements statements;
        private final Counter runs = Metrics.counter(MergeSalesEvents.class, "merge_runs");
        private final Counter failures = Metrics.counter(MergeSalesEvents.class, "merge_failures");
        private final Counter arrivals = Metrics.counter(MergeSalesEvents.class, "merge_arrivals_read");

        private transient boolean eventsTableCreated;
        /** The latest {@code ingested_at} merged by this instance; {@code null} until its first run. */
        private transient @Nullable Instant mergedThrough;

        MergeFn(BronzeSql.Tables tables, java.time.Duration lookback, @Nullable BigQueryStatements statements) {
            this.tables = tables;
            this.lookback = lookback;
            this.statements = statements;
        }

        @ProcessElement
        public void process(PipelineOptions options) {
            if (statements == null) {
                GcpOptions gcp = options.as(GcpOptions.class);
                statements = new RestBigQueryStatements(gcp.getProject(), gcp.getGcpCredential());
            }
            try {
                runOnce(statements);
                runs.inc();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.inc();
            } catch (Exception e) {
                // The landing side goes on; the next tick merges the same window again.
                failures.inc();
                LOG.error(
                        "Merging {} into {} failed; the next run takes the same arrivals again: {}",
                        tables.landing(),
                        tables.events(),
                        e.toString(),
                        e);
            }
        }

        /** Creates {@code sales_events} if missing, finds the window, merges it; advances the watermark. */
        void runOnce(BigQueryStatements sql) throws Exception {
            if (!eventsTableCreated) {
                sql.run(BronzeSql.createTable(BronzeTableLayout.EVENTS, tables.events()), List.of());
                eventsTableCreated = true;
            }
            Instant since = mergedThrough == null ? Instant.EPOCH : mergedThrough.minus(lookback);
            List<List<String>> window =
                    sql.run(BronzeSql.windowQuery(tables), List.of(Parameter.timestamp("since", since)));
            List<String> row = window.get(0);
            long count = Long.parseLong(row.get(0));
            if (count == 0) {
                return;
            }
            Instant through = Instant.parse(row.get(1));
            List<String> days = Arrays.asList(row.get(2).split(","));
            sql.run(
                    BronzeSql.mergeScript(tables),
                    List.of(
                            Parameter.timestamp("since", since),
                            Parameter.timestamp("through", through),
                            Parameter.dates("business_dates", days)));
            arrivals.inc(count);
            mergedThrough = through;
        }
    }
}
