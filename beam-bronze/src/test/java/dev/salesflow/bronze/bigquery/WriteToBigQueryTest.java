package dev.salesflow.bronze.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import dev.salesflow.bronze.BronzeOptions;
import dev.salesflow.bronze.FailedMessage;
import dev.salesflow.bronze.LandSalesEvents;
import dev.salesflow.events.EventTypes;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesAndMessageIdCoder;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BIGQUERY sink end to end on Beam's in-memory BigQuery fakes: tables created on first use with
 * their schema and day partitioning, rows written through the Storage Write API code path.
 */
class WriteToBigQueryTest {

    private static final String PROJECT = "test-project";
    private static final AtomicInteger RUNS = new AtomicInteger();

    /**
     * A new dataset per test: besides the fakes' static tables, Beam caches in a static set which
     * tables it has created in this JVM and would not create them again after the fakes are reset.
     */
    private String dataset;

    private FakeDatasetService datasets;
    private FakeBigQueryServices services;

    @BeforeEach
    void fakes() throws Exception {
        // The fakes keep their tables in static maps (so they survive serialisation); start empty.
        FakeDatasetService.setUp();
        FakeJobService.setUp();
        datasets = new FakeDatasetService();
        dataset = "sales_bronze_" + RUNS.incrementAndGet();
        datasets.createDataset(PROJECT, dataset, "", "", null);
        services = new FakeBigQueryServices().withDatasetService(datasets).withJobService(new FakeJobService());
    }

    private static PubsubMessage message(String id, String data) {
        return new PubsubMessage(data.getBytes(StandardCharsets.UTF_8), Map.of("event_id", "x"), id);
    }

    private static String envelope(String eventId, String type, long sequence) {
        return """
                {"event_id":"%s","event_type":"%s","event_revision":"2","aggregate_type":"Sale",
                 "aggregate_id":"s-1","sequence_number":%d,"occurred_at":"2026-01-02T03:04:05Z",
                 "published_at":"2026-01-02T03:04:06.123Z","payload":{"saleId":"s-1","lines":[]}}""".formatted(eventId, type, sequence);
    }

    private static final String FAR_FUTURE =
            envelope("e-far", "SalePlacedEvent", 1).replace("2026-01-02T03:04:05Z", "+999999-01-01T00:00:00Z");

    @Test
    void landsEveryArrivalAndDeadLettersInTablesItCreatesWithTheirLayout() throws Exception {
        datasets.setShouldFailRow(
                (Function<TableRow, Boolean> & Serializable) row -> "e-far".equals(row.get("event_id")));
        BronzeOptions options = PipelineOptionsFactory.fromArgs(
                        "--subscription=projects/p/subscriptions/s",
                        "--project=" + PROJECT,
                        "--sink=BIGQUERY",
                        "--tempLocation=gs://bucket/tmp",
                        "--landingTable=" + PROJECT + ":" + dataset + ".sales_events_landing",
                        "--errorRecordsTable=" + PROJECT + ":" + dataset + ".sales_events_error_records")
                .as(BronzeOptions.class);
        Pipeline pipeline = Pipeline.create(options);
        pipeline.apply(Create.of(List.of(
                                message("m1", envelope("e-1", "SalePlacedEvent", 0)),
                                message("m2", envelope("e-2", "StoreOpenedEvent", 7)),
                                message("m3", "this is not json"),
                                message("m4", envelope("e-4", "SaleTeleportedEvent", 1)),
                                // a redelivery: the landing table keeps every arrival, the merge keeps one
                                message("m5", envelope("e-1", "SalePlacedEvent", 0)),
                                // valid RFC 3339, beyond BigQuery's TIMESTAMP (year 9999): BigQuery refuses it; the
                                // fake
                                // checks no range, so it is told to refuse this row (as it answers a refused append)
                                message("m6", FAR_FUTURE)))
                        .withCoder(PubsubMessageWithAttributesAndMessageIdCoder.of()))
                .apply(new LandSalesEvents(options, services));
        pipeline.run().waitUntilFinish();

        Table events = datasets.getTable(table("sales_events_landing"));
        assertThat(events.getTimePartitioning().getType()).isEqualTo("HOUR");
        assertThat(events.getTimePartitioning().getField()).isEqualTo("ingested_at");
        assertThat(events.getTimePartitioning().getExpirationMs()).isEqualTo(7 * 86_400_000L);
        assertThat(events.getClustering()).isNull();
        assertThat(events.getSchema().getFields())
                .extracting(f -> f.getName() + " " + f.getType() + " " + f.getMode())
                .startsWith("event_id STRING REQUIRED", "event_type STRING REQUIRED")
                .contains("sequence_number INT64 REQUIRED", "occurred_at TIMESTAMP REQUIRED", "payload JSON REQUIRED");
        Table errors = datasets.getTable(table("sales_events_error_records"));
        assertThat(errors.getTimePartitioning().getType()).isEqualTo("DAY");
        assertThat(errors.getTimePartitioning().getField()).isEqualTo("failed_at");
        assertThat(errors.getTimePartitioning().getExpirationMs()).isNull();
        assertThat(errors.getSchema()).isEqualTo(WriteToBigQuery.schema(WriteToBigQuery.ERROR_RECORDS_SCHEMA));

        List<TableRow> eventRows =
                sorted(datasets.getAllRows(PROJECT, dataset, "sales_events_landing"), "pubsub_message_id");
        assertThat(eventRows)
                .extracting(r -> r.get("event_id") + " " + r.get("event_type") + " " + r.get("aggregate_id") + " "
                        + r.get("sequence_number") + " " + r.get("pubsub_message_id"))
                .containsExactly(
                        "e-1 SalePlacedEvent s-1 0 m1",
                        "e-2 StoreOpenedEvent s-1 7 m2",
                        "e-1 SalePlacedEvent s-1 0 m5");
        TableRow first = eventRows.get(0);
        assertThat(first.get("event_revision")).isEqualTo("2");
        assertThat(first.get("payload").toString()).isEqualTo("{\"saleId\":\"s-1\",\"lines\":[]}");
        assertThat(first.get("raw_message").toString()).isEqualTo(envelope("e-1", "SalePlacedEvent", 0));
        assertThat(first.get("occurred_at").toString()).startsWith("2026-01-02").contains("03:04:05");
        assertThat(first.get("published_at").toString()).contains("03:04:06.123");
        assertThat(first.get("ingested_at")).isNotNull();

        List<TableRow> errorRows =
                sorted(datasets.getAllRows(PROJECT, dataset, "sales_events_error_records"), "pubsub_message_id");
        assertThat(errorRows)
                .extracting(r -> r.get("pubsub_message_id") + ": " + r.get("error_message"))
                .hasSize(3)
                .startsWith(
                        "m3: not JSON: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object"
                                + " or token 'null', 'true' or 'false')",
                        "m4: unknown event_type 'SaleTeleportedEvent'; known types: "
                                + String.join(", ", EventTypes.known()));
        // the refused row: BigQuery's reason, the original message whole, a key as the parser's dead letters
        TableRow refused = errorRows.get(2);
        assertThat(refused.get("pubsub_message_id")).isEqualTo("m6");
        assertThat(refused.get("error_message").toString())
                .startsWith("BigQuery refused the row for " + PROJECT + ":" + dataset
                        + ".sales_events_landing (Storage Write API): ");
        assertThat(refused.get("payload_string")).isEqualTo(FAR_FUTURE);
        assertThat(refused.get("stacktrace")).isEqualTo("refused by BigQuery: event_id e-far");
        assertThat(refused.get("dead_letter_key"))
                .isEqualTo(FailedMessage.key(
                        refused.get("payload_string").toString().getBytes(StandardCharsets.UTF_8),
                        refused.get("attributes").toString(),
                        refused.get("error_message").toString()));
        TableRow notJson = errorRows.get(0);
        assertThat(notJson.get("payload_string")).isEqualTo("this is not json");
        assertThat(new String(bytes(notJson.get("payload_bytes")), StandardCharsets.UTF_8))
                .isEqualTo("this is not json");
        assertThat(notJson.get("failed_at")).isNotNull();
        assertThat(notJson.get("dead_letter_key"))
                .isEqualTo(FailedMessage.key(
                        "this is not json".getBytes(StandardCharsets.UTF_8),
                        notJson.get("attributes").toString(),
                        notJson.get("error_message").toString()));
        assertThat(notJson.get("stacktrace").toString()).contains("InvalidEnvelopeException");
    }

    @Test
    void writesAnUnboundedInputAsTheStreamingJobDoes() throws Exception {
        BronzeOptions options = PipelineOptionsFactory.fromArgs(
                        "--subscription=projects/p/subscriptions/s",
                        "--project=" + PROJECT,
                        "--sink=BIGQUERY",
                        "--tempLocation=gs://bucket/tmp",
                        "--landingTable=" + dataset + ".sales_events_landing",
                        "--errorRecordsTable=" + dataset + ".sales_events_error_records",
                        "--mergeEverySeconds=0") // the merge schedule has its own test (MergeSalesEventsTest)
                .as(BronzeOptions.class);
        options.setStreaming(true);
        Pipeline pipeline = Pipeline.create(options);
        TestStream<PubsubMessage> stream = TestStream.create(PubsubMessageWithAttributesAndMessageIdCoder.of())
                .addElements(
                        message("m1", envelope("e-1", "ProductListedEvent", 0)),
                        message("m2", envelope("e-2", "ProductListedEvent", -3)))
                .advanceProcessingTime(Duration.standardSeconds(10))
                .addElements(message("m3", envelope("e-3", "CustomerRegisteredEvent", 0)))
                .advanceProcessingTime(Duration.standardSeconds(10))
                .advanceWatermarkToInfinity();
        pipeline.apply(stream).apply(new LandSalesEvents(options, services));
        pipeline.run().waitUntilFinish();

        assertThat(datasets.getAllRows(PROJECT, dataset, "sales_events_landing"))
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyInAnyOrder("e-1", "e-3");
        assertThat(datasets.getAllRows(PROJECT, dataset, "sales_events_error_records"))
                .extracting(r -> r.get("pubsub_message_id") + ": " + r.get("error_message"))
                .containsExactly("m2: field 'sequence_number' must not be negative, was -3");
        assertThat(datasets.getTable(table("sales_events_landing"))
                        .getTimePartitioning()
                        .getField())
                .isEqualTo("ingested_at");
    }

    @Test
    void theDdlFileIsWhatTheLayoutAndSchemaFilesDeclare() throws Exception {
        String ddl;
        try (var in = WriteToBigQuery.class.getClassLoader().getResourceAsStream(BronzeSql.DDL)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(ddl).endsWith("create schema if not exists sales_bronze;\n\n" + BronzeSql.createTables());
        assertThat(BronzeSql.createTables())
                .contains("partition by timestamp_trunc(ingested_at, hour)\noptions (partition_expiration_days = 7);")
                .contains("partition by date(occurred_at)\ncluster by event_type, aggregate_id;")
                .contains("partition by date(failed_at);")
                .contains("    payload json not null,");
        assertThat(WriteToBigQuery.schema(WriteToBigQuery.EVENTS_SCHEMA).getFields())
                .hasSize(13);
        assertThat(WriteToBigQuery.schema(WriteToBigQuery.ERROR_RECORDS_SCHEMA).getFields())
                .hasSize(8);
    }

    private TableReference table(String name) {
        return new TableReference().setProjectId(PROJECT).setDatasetId(dataset).setTableId(name);
    }

    private static List<TableRow> sorted(List<TableRow> rows, String key) {
        return rows.stream()
                .sorted(Comparator.comparing(r -> r.get(key).toString()))
                .collect(Collectors.toList());
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] raw ? raw : Base64.getDecoder().decode(value.toString());
    }
}
