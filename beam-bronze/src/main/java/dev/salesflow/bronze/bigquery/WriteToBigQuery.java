package dev.salesflow.bronze.bigquery;

import com.google.api.services.bigquery.model.Clustering;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import dev.salesflow.bronze.BronzeEvent;
import dev.salesflow.bronze.FailedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * The cloud sink: bronze rows and dead letters through the BigQuery Storage Write API.
 *
 * <p>Both tables are created on first use ({@code CREATE_IF_NEEDED}) from the schemas in
 * {@code bronze/bigquery/*.schema.json} (the same columns as {@code bronze_tables.sql}), partitioned
 * by day of {@code occurred_at} (events) or {@code failed_at} (dead letters); the dataset must exist.
 * On an unbounded input (Pub/Sub) the writes are committed every {@link #TRIGGERING_FREQUENCY} with
 * auto-sharded streams; a bounded input (tests) is written when the bundle ends.
 */
public final class WriteToBigQuery<T> extends PTransform<PCollection<T>, WriteResult> {

    public static final String EVENTS_SCHEMA = "bronze/bigquery/sales_events.schema.json";
    public static final String ERROR_RECORDS_SCHEMA = "bronze/bigquery/sales_events_error_records.schema.json";
    public static final Duration TRIGGERING_FREQUENCY = Duration.standardSeconds(5);

    private final BigQueryIO.Write<T> write;

    private WriteToBigQuery(BigQueryIO.Write<T> write) {
        this.write = write;
    }

    /**
     * Landed events into {@code table} ({@code project:dataset.table} or {@code dataset.table}).
     *
     * @param testServices Beam's fake services in tests; {@code null} in production
     */
    public static WriteToBigQuery<BronzeEvent> events(String table, @Nullable BigQueryServices testServices) {
        return new WriteToBigQuery<>(configure(BigQueryIO.<BronzeEvent>write()
                .to(table)
                .withFormatFunction(WriteToBigQuery::eventRow)
                .withSchema(schema(EVENTS_SCHEMA))
                .withTimePartitioning(new TimePartitioning().setType("DAY").setField("occurred_at"))
                .withClustering(new Clustering().setFields(List.of("event_type", "aggregate_id"))), testServices));
    }

    /** Dead letters into {@code table}; see {@link #events}. */
    public static WriteToBigQuery<FailedMessage> errorRecords(String table, @Nullable BigQueryServices testServices) {
        return new WriteToBigQuery<>(configure(BigQueryIO.<FailedMessage>write()
                .to(table)
                .withFormatFunction(WriteToBigQuery::errorRow)
                .withSchema(schema(ERROR_RECORDS_SCHEMA))
                .withTimePartitioning(new TimePartitioning().setType("DAY").setField("failed_at")), testServices));
    }

    private static <T> BigQueryIO.Write<T> configure(BigQueryIO.Write<T> write, @Nullable BigQueryServices services) {
        BigQueryIO.Write<T> configured = write
                .withMethod(Method.STORAGE_WRITE_API)
                .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
                .withWriteDisposition(WriteDisposition.WRITE_APPEND);
        return services == null ? configured : configured.withTestServices(services);
    }

    @Override
    public WriteResult expand(PCollection<T> input) {
        BigQueryIO.Write<T> configured = write;
        if (input.isBounded() == PCollection.IsBounded.UNBOUNDED) {
            // Beam refuses STORAGE_WRITE_API on an unbounded input without a triggering frequency
            // and refuses a triggering frequency on a bounded one.
            configured = configured.withTriggeringFrequency(TRIGGERING_FREQUENCY).withAutoSharding();
        }
        return input.apply("StorageWriteApi", configured);
    }

    /** A table schema from a class-path JSON resource ({@code {"fields": [...]}}, as {@code bq show --schema}). */
    public static TableSchema schema(String resource) {
        try (InputStream in = WriteToBigQuery.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + resource + " is missing");
            }
            return BigQueryHelpers.fromJsonString(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    TableSchema.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static TableRow eventRow(BronzeEvent event) {
        return new TableRow()
                .set("event_id", event.eventId())
                .set("event_type", event.eventType())
                .set("event_revision", event.eventRevision())
                .set("aggregate_type", event.aggregateType())
                .set("aggregate_id", event.aggregateId())
                .set("sequence_number", event.sequenceNumber())
                .set("occurred_at", event.occurredAt().toString())
                .set("published_at", event.publishedAt() == null ? null : event.publishedAt().toString())
                .set("payload", event.payloadJson())
                .set("raw_message", event.rawMessage())
                .set("pubsub_message_id", event.pubsubMessageId())
                .set("attributes", event.attributesJson())
                .set("ingested_at", Instant.now().toString());
    }

    static TableRow errorRow(FailedMessage failed) {
        return new TableRow()
                .set("dead_letter_key", failed.deadLetterKey())
                .set("pubsub_message_id", failed.pubsubMessageId())
                .set("failed_at", failed.failedAt().toString())
                .set("attributes", failed.attributesJson())
                .set("payload_string", failed.payloadString())
                .set("payload_bytes", Base64.getEncoder().encodeToString(failed.payloadBytes()))
                .set("error_message", failed.errorMessage())
                .set("stacktrace", failed.stacktrace());
    }
}
