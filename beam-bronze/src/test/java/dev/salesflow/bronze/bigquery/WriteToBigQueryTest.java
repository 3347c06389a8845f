package dev.salesflow.bronze.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import dev.salesflow.bronze.BronzeOptions;
import dev.salesflow.events.EventTypes;
import dev.salesflow.bronze.FailedMessage;
import dev.salesflow.bronze.LandSalesEvents;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
                 "published_at":"2026-01-02T03:04:06.123Z","payload":{"saleId":"s-1","lines":[]}}"""
                .formatted(eventId, type, sequence);
    }

    @Test
    void landsEventsAndDeadLettersInTablesItCreatesWithSchemaAndDayPartitioning() throws Exception {
        BronzeOptions options = PipelineOptionsFactory.fromArgs("--subscription=projects/p/subscriptions/s",
                "--project=" + PROJECT, "--sink=BIGQUERY", "--tempLocation=gs://bucket/tmp",
                "--eventsTable=" + PROJECT + ":" + dataset + ".sales_events",
                "--errorRecordsTable=" + PROJECT + ":" + dataset + ".sales_events_error_records")
                .as(BronzeOptions.class);
        Pipeline pipeline = Pipeline.create(options);
        pipeline.apply(Create.of(List.of(
                        message("m1", envelope("e-1", "SalePlacedEvent", 0)),
                        message("m2", envelope("e-2", "StoreOpenedEvent", 7)),
                        message("m3", "this is not json"),
                        message("m4", envelope("e-4", "SaleTeleportedEvent", 1))))
                        .withCoder(PubsubMessageWithAttributesAndMessageIdCoder.of()))
                .apply(new LandSalesEvents(options, services));
        pipeline.run().waitUntilFinish();

        Table events = datasets.getTable(table("sales_events"));
        assertThat(events.getTimePartitioning().getType()).isEqualTo("DAY");
        assertThat(events.getTimePartitioning().getField()).isEqualTo("occurred_at");
        assertThat(events.getClustering().getFields()).containsExactly("event_type", "aggregate_id");
        assertThat(events.getSchema().getFields()).extracting(f -> f.getName() + " " + f.getType() + " " + f.getMode())
                .startsWith("event_id STRING REQUIRED", "event_type STRING REQUIRED")
                .contains("sequence_number INT64 REQUIRED", "occurred_at TIMESTAMP REQUIRED", "payload JSON REQUIRED");
        Table errors = datasets.getTable(table("sales_events_error_records"));
        assertThat(errors.getTimePartitioning().getType()).isEqualTo("DAY");
        assertThat(errors.getTimePartitioning().getField()).isEqualTo("failed_at");
        assertThat(errors.getSchema()).isEqualTo(WriteToBigQuery.schema(WriteToBigQuery.ERROR_RECORDS_SCHEMA));

        List<TableRow> eventRows = sorted(datasets.getAllRows(PROJECT, dataset, "sales_events"), "event_id");
        assertThat(eventRows).extracting(r -> r.get("event_id") + " " + r.get("event_type") + " "
                        + r.get("aggregate_id") + " " + r.get("sequence_number") + " " + r.get("pubsub_message_id"))
                .containsExactly("e-1 SalePlacedEvent s-1 0 m1", "e-2 StoreOpenedEvent s-1 7 m2");
        TableRow first = eventRows.get(0);
        assertThat(first.get("event_revision")).isEqualTo("2");
        assertThat(first.get("payload").toString()).isEqualTo("{\"saleId\":\"s-1\",\"lines\":[]}");
        assertThat(first.get("raw_message").toString()).isEqualTo(envelope("e-1", "SalePlacedEvent", 0));
        assertThat(first.get("occurred_at").toString()).startsWith("2026-01-02").contains("03:04:05");
        assertThat(first.get("published_at").toString()).contains("03:04:06.123");
        assertThat(first.get("ingested_at")).isNotNull();

        List<TableRow> errorRows = sorted(datasets.getAllRows(PROJECT, dataset, "sales_events_error_records"),
                "pubsub_message_id");
        assertThat(errorRows).extracting(r -> r.get("pubsub_message_id") + ": " + r.get("error_message"))
                .containsExactly(
                        "m3: not JSON: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object"
                                + " or token 'null', 'true' or 'false')",
                        "m4: unknown event_type 'SaleTeleportedEvent'; known types: "
                                + String.join(", ", EventTypes.known()));
        TableRow notJson = errorRows.get(0);
        assertThat(notJson.get("payload_string")).isEqualTo("this is not json");
        assertThat(new String(bytes(notJson.get("payload_bytes")), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        assertThat(notJson.get("failed_at")).isNotNull();
        assertThat(notJson.get("dead_letter_key")).isEqualTo(FailedMessage.key(
                "this is not json".getBytes(StandardCharsets.UTF_8), notJson.get("attributes").toString(),
                notJson.get("error_message").toString()));
        assertThat(notJson.get("stacktrace").toString()).contains("InvalidEnvelopeException");
    }

    @Test
    void writesAnUnboundedInputAsTheStreamingJobDoes() throws Exception {
        BronzeOptions options = PipelineOptionsFactory.fromArgs("--subscription=projects/p/subscriptions/s",
                "--project=" + PROJECT, "--sink=BIGQUERY", "--tempLocation=gs://bucket/tmp",
                "--eventsTable=" + dataset + ".sales_events",
                "--errorRecordsTable=" + dataset + ".sales_events_error_records")
                .as(BronzeOptions.class);
        options.setStreaming(true);
        Pipeline pipeline = Pipeline.create(options);
        TestStream<PubsubMessage> stream = TestStream.create(PubsubMessageWithAttributesAndMessageIdCoder.of())
                .addElements(message("m1", envelope("e-1", "ProductListedEvent", 0)),
                        message("m2", envelope("e-2", "ProductListedEvent", -3)))
                .advanceProcessingTime(Duration.standardSeconds(10))
                .addElements(message("m3", envelope("e-3", "CustomerRegisteredEvent", 0)))
                .advanceProcessingTime(Duration.standardSeconds(10))
                .advanceWatermarkToInfinity();
        pipeline.apply(stream).apply(new LandSalesEvents(options, services));
        pipeline.run().waitUntilFinish();

        assertThat(datasets.getAllRows(PROJECT, dataset, "sales_events"))
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyInAnyOrder("e-1", "e-3");
        assertThat(datasets.getAllRows(PROJECT, dataset, "sales_events_error_records"))
                .extracting(r -> r.get("pubsub_message_id") + ": " + r.get("error_message"))
                .containsExactly("m2: field 'sequence_number' must not be negative, was -3");
        assertThat(datasets.getTable(table("sales_events")).getTimePartitioning().getField()).isEqualTo("occurred_at");
    }

    @Test
    void theSchemaFilesHaveTheColumnsOfTheBigQueryDdl() throws Exception {
        String ddl;
        try (var in = WriteToBigQuery.class.getClassLoader().getResourceAsStream("bronze/bigquery/bronze_tables.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(columns(WriteToBigQuery.EVENTS_SCHEMA)).hasSize(13).isEqualTo(ddlColumns(ddl, "sales_events"));
        assertThat(columns(WriteToBigQuery.ERROR_RECORDS_SCHEMA)).hasSize(8).isEqualTo(ddlColumns(ddl, "sales_events_error_records"));
    }

    private static List<String> columns(String schemaResource) {
        return WriteToBigQuery.schema(schemaResource).getFields().stream()
                .map(f -> f.getName() + " " + f.getType() + ("REQUIRED".equals(f.getMode()) ? " NOT NULL" : ""))
                .collect(Collectors.toList());
    }

    /** The column lines of {@code create table if not exists sales_bronze.<table> (...)}, upper-cased types. */
    private static List<String> ddlColumns(String ddl, String table) {
        String start = "create table if not exists sales_bronze." + table + " (";
        String body = ddl.substring(ddl.indexOf(start) + start.length());
        body = body.substring(0, body.indexOf("\n)"));
        return body.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.replaceAll(",$", "").split("\\s+", 2))
                .map(p -> p[0] + " " + p[1].toUpperCase().replaceAll("\\s+", " "))
                .collect(Collectors.toList());
    }

    private TableReference table(String name) {
        return new TableReference().setProjectId(PROJECT).setDatasetId(dataset).setTableId(name);
    }

    private static List<TableRow> sorted(List<TableRow> rows, String key) {
        return rows.stream().sorted(Comparator.comparing(r -> r.get(key).toString())).collect(Collectors.toList());
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] raw ? raw : Base64.getDecoder().decode(value.toString());
    }
}
