package dev.salesflow.bronze.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.bronze.BronzeOptions;
import dev.salesflow.bronze.BronzePipeline;
import dev.salesflow.bronze.bigquery.BigQueryStatements.Parameter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The merge schedule the BigQuery sink runs: which statements it sends, with which parameters, how the
 * window moves, and that a failed run is retried with the same window. BigQuery does not run here: a
 * stand-in records the statements and answers the window query; that the SQL itself is valid GoogleSQL
 * on the bronze tables is gcp-setup's {@code BronzeSqlAnalysisTest} (ZetaSQL).
 */
class MergeSalesEventsTest {

    private static final BronzeSql.Tables TABLES = new BronzeSql.Tables(
            "p:sales_bronze.sales_events_landing",
            "p:sales_bronze.sales_events",
            "p:sales_bronze.sales_events_error_records");

    record Sent(String sql, List<Parameter> parameters) {}

    /** Records what it is sent in a static list (the DoFn is serialised); answers the window query from a queue. */
    static final class Recording implements BigQueryStatements {
        static final Map<String, List<Sent>> SENT = new ConcurrentHashMap<>();
        static final Map<String, List<List<List<String>>>> WINDOWS = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> FAIL_MERGES = new ConcurrentHashMap<>();
        private final String id;

        Recording(String id) {
            this.id = id;
            SENT.put(id, new CopyOnWriteArrayList<>());
            WINDOWS.put(id, new CopyOnWriteArrayList<>());
            FAIL_MERGES.put(id, new AtomicInteger());
        }

        List<Sent> sent() {
            return SENT.get(id);
        }

        void answerWindow(long arrivals, String through, String days) {
            WINDOWS.get(id)
                    .add(List.of(new ArrayList<>(java.util.Arrays.asList(String.valueOf(arrivals), through, days))));
        }

        @Override
        public List<List<String>> run(String sql, List<Parameter> parameters) throws IOException {
            SENT.get(id).add(new Sent(sql, parameters));
            if (sql.contains("count(*) as arrivals")) {
                List<List<List<String>>> queued = WINDOWS.get(id);
                return queued.isEmpty() ? List.of(java.util.Arrays.asList("0", null, null)) : queued.remove(0);
            }
            if (sql.startsWith("-- Bronze on BigQuery, effectively once")
                    && FAIL_MERGES.get(id).getAndDecrement() > 0) {
                throw new IOException("Transaction is aborted due to concurrent update");
            }
            return List.of();
        }
    }

    @Test
    void createsTheTableOnceThenMergesTheWindowSinceTheLastMergedArrivalLessTheLookback() throws Exception {
        Recording bigQuery = new Recording("window");
        MergeSalesEvents.MergeFn merge =
                new MergeSalesEvents.MergeFn(TABLES, java.time.Duration.ofMinutes(10), bigQuery);
        bigQuery.answerWindow(3, "2026-12-03T06:00:05.123456Z", "2026-01-02,2026-12-03");
        bigQuery.answerWindow(0, null, null);

        merge.process(PipelineOptionsFactory.create());
        List<Sent> first = List.copyOf(bigQuery.sent());
        assertThat(first).hasSize(3);
        assertThat(first.get(0).sql())
                .startsWith("create table if not exists `p`.`sales_bronze`.`sales_events` (")
                .contains("partition by date(occurred_at)\ncluster by event_type, aggregate_id");
        assertThat(first.get(1).sql())
                .contains("from `p`.`sales_bronze`.`sales_events_landing`\nwhere ingested_at >= @since");
        // after a start: the whole landing table
        assertThat(first.get(1).parameters()).containsExactly(Parameter.timestamp("since", Instant.EPOCH));
        assertThat(first.get(2).sql())
                .isEqualTo(BronzeSql.mergeScript(TABLES))
                .contains("merge `p`.`sales_bronze`.`sales_events` t")
                .contains("insert into `p`.`sales_bronze`.`sales_events_error_records`")
                .contains("has already landed in sales_bronze.sales_events with other content")
                .doesNotContain("${");
        assertThat(first.get(2).parameters())
                .containsExactly(
                        Parameter.timestamp("since", Instant.EPOCH),
                        Parameter.timestamp("through", Instant.parse("2026-12-03T06:00:05.123456Z")),
                        Parameter.dates("business_dates", List.of("2026-01-02", "2026-12-03")));

        // next run: from the last merged arrival less the lookback; nothing new, so no merge and no DDL again
        merge.process(PipelineOptionsFactory.create());
        List<Sent> second = bigQuery.sent().subList(3, bigQuery.sent().size());
        assertThat(second).hasSize(1);
        assertThat(second.get(0).parameters())
                .containsExactly(Parameter.timestamp("since", Instant.parse("2026-12-03T05:50:05.123456Z")));
    }

    @Test
    void aFailedMergeIsLoggedAndTheNextRunTakesTheSameWindowAgain() throws Exception {
        Recording bigQuery = new Recording("retry");
        Recording.FAIL_MERGES.get("retry").set(1);
        MergeSalesEvents.MergeFn merge =
                new MergeSalesEvents.MergeFn(TABLES, java.time.Duration.ofMinutes(10), bigQuery);
        bigQuery.answerWindow(2, "2026-12-03T06:00:00Z", "2026-12-03");
        bigQuery.answerWindow(2, "2026-12-03T06:00:00Z", "2026-12-03");
        bigQuery.answerWindow(0, null, null);

        merge.process(PipelineOptionsFactory.create()); // the merge fails: caught, counted
        merge.process(PipelineOptionsFactory.create()); // same window, merges
        merge.process(PipelineOptionsFactory.create()); // the window has moved on
        List<Parameter> sinces = bigQuery.sent().stream()
                .filter(s -> s.sql().contains("count(*) as arrivals"))
                .map(s -> s.parameters().get(0))
                .toList();
        assertThat(sinces)
                .containsExactly(
                        Parameter.timestamp("since", Instant.EPOCH),
                        Parameter.timestamp("since", Instant.EPOCH),
                        Parameter.timestamp("since", Instant.parse("2026-12-03T05:50:00Z")));
        assertThat(bigQuery.sent().stream()
                        .filter(s -> s.sql().startsWith("-- Bronze on BigQuery"))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void theScheduleRunsInsideAPipelineOnTheDirectRunner() {
        Recording bigQuery = new Recording("pipeline");
        Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
        pipeline.apply(new MergeSalesEvents(
                TABLES, Duration.millis(300), java.time.Duration.ofMinutes(10), bigQuery, Duration.standardSeconds(1)));
        pipeline.run().waitUntilFinish();
        // one DDL, then a window query per tick (nothing to merge)
        assertThat(bigQuery.sent().get(0).sql()).startsWith("create table if not exists");
        assertThat(bigQuery.sent().stream()
                        .filter(s -> s.sql().contains("count(*) as arrivals"))
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void theStreamingBigQueryJobSchedulesTheMergeUnlessTurnedOff() {
        assertThat(transformNames("--mergeEverySeconds=60")).anyMatch(n -> n.endsWith("MergeIntoSalesEvents"));
        assertThat(transformNames("--mergeEverySeconds=0")).noneMatch(n -> n.contains("MergeIntoSalesEvents"));
    }

    private static List<String> transformNames(String merge) {
        BronzeOptions options = PipelineOptionsFactory.fromArgs(
                        "--subscription=projects/my-project/subscriptions/sales-events-bronze",
                        "--project=my-project",
                        "--sink=BIGQUERY",
                        "--tempLocation=gs://bucket/tmp",
                        merge)
                .as(BronzeOptions.class);
        Pipeline pipeline = BronzePipeline.build(options);
        List<String> names = new ArrayList<>();
        pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
            @Override
            public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
                names.add(node.getFullName());
                return CompositeBehavior.ENTER_TRANSFORM;
            }
        });
        return names;
    }
}
