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
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud sink: every arrival and every dead letter through the BigQuery Storage Write API
 * ({@code STORAGE_WRITE_API}: exactly once per element Beam processes).
 *
 * <p>Events are appended to the landing table ({@link BronzeTableLayout#LANDING}); {@link MergeSalesEvents}
 * moves the first arrival of each {@code event_id} into {@code sales_events}. Both tables this writes are
 * created on first use ({@code CREATE_IF_NEEDED}) with the schema, partitioning, clustering and fixed
 * expiry of their {@link BronzeTableLayout}; the dataset must exist. On an unbounded input (Pub/Sub)
 * the writes are committed every {@link #TRIGGERING_FREQUENCY} with auto-sharded streams; a bounded
 * input (tests) is written when the bundle ends. Rows BigQuery refuses come back in
 * {@link WriteResult#getFailedStorageApiInserts()}: see {@link #refusedAsDeadLetters}.
 */
public final class WriteToBigQuery<T> extends PTransform<PCollection<T>, WriteResult> {

    public static final String EVENTS_SCHEMA = BronzeTableLayout.EVENTS.schemaResource();
    public static final String ERROR_RECORDS_SCHEMA = BronzeTableLayout.ERROR_RECORDS.schemaResource();
    public static final Duration TRIGGERING_FREQUENCY = Duration.standardSeconds(5);

    private final BigQueryIO.Write<T> write;

    private WriteToBigQuery(BigQueryIO.Write<T> write) {
        this.write = write;
    }

    /**
     * Every arrival into the landing {@code table} ({@code project:dataset.table} or {@code dataset.table}).
     *
     * @param testServices Beam's fake services in tests; {@code null} in production
     */
    public static WriteToBigQuery<BronzeEvent> events(String table, @Nullable BigQueryServices testServices) {
        return new WriteToBigQuery<>(configure(
                BigQueryIO.<BronzeEvent>write().to(table).withFormatFunction(WriteToBigQuery::eventRow),
                BronzeTableLayout.LANDING,
                testServices));
    }

    /** Dead letters into {@code table}; see {@link #events}. */
    public static WriteToBigQuery<FailedMessage> errorRecords(String table, @Nullable BigQueryServices testServices) {
        return new WriteToBigQuery<>(configure(
                BigQueryIO.<FailedMessage>write().to(table).withFormatFunction(WriteToBigQuery::errorRow),
                BronzeTableLayout.ERROR_RECORDS,
                testServices));
    }

    private static <T> BigQueryIO.Write<T> configure(
            BigQueryIO.Write<T> write, BronzeTableLayout layout, @Nullable BigQueryServices services) {
        BigQueryIO.Write<T> configured = write.withSchema(schema(layout.schemaResource()))
                .withTimePartitioning(timePartitioning(layout))
                .withMethod(Method.STORAGE_WRITE_API)
                .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
                .withWriteDisposition(WriteDisposition.WRITE_APPEND);
        if (!layout.clustering().isEmpty()) {
            configured = configured.withClustering(new Clustering().setFields(layout.clustering()));
        }
        return services == null ? configured : configured.withTestServices(services);
    }

    /** The layout's partitioning, with its fixed expiry if it has one. */
    public static TimePartitioning timePartitioning(BronzeTableLayout layout) {
        TimePartitioning partitioning =
                new TimePartitioning().setType(layout.partitionType()).setField(layout.partitionField());
        if (layout.fixedExpirationDays() != null) {
            partitioning.setExpirationMs(layout.fixedExpirationDays() * 86_400_000L);
        }
        return partitioning;
    }

    /**
     * Rows BigQuery refused (or that could not be converted to its row format) as dead letters, with the
     * original message (the row keeps it whole in {@code raw_message}), BigQuery's reason and a
     * {@code dead_letter_key} as the parser's dead letters have.
     */
    public static PTransform<PCollection<BigQueryStorageApiInsertError>, PCollection<FailedMessage>>
            refusedAsDeadLetters(String table) {
        return new PTransform<>() {
            @Override
            public PCollection<FailedMessage> expand(PCollection<BigQueryStorageApiInsertError> refused) {
                return refused.apply(ParDo.of(new RefusedRowFn(table)))
                        .setCoder(SerializableCoder.of(FailedMessage.class));
            }
        };
    }

    static final class RefusedRowFn extends DoFn<BigQueryStorageApiInsertError, FailedMessage> {
        private final String table;
        private final Counter refused = Metrics.counter(WriteToBigQuery.class, "dead_lettered");

        RefusedRowFn(String table) {
            this.table = table;
        }

        @ProcessElement
        public void process(@Element BigQueryStorageApiInsertError error, OutputReceiver<FailedMessage> out) {
            TableRow row = error.getRow();
            String raw =
                    row.get("raw_message") == null ? "" : row.get("raw_message").toString();
            String attributes =
                    row.get("attributes") == null ? null : row.get("attributes").toString();
            String reason =
                    "BigQuery refused the row for " + table + " (Storage Write API): " + error.getErrorMessage();
            refused.inc();
            out.output(new FailedMessage(
                    row.get("pubsub_message_id") == null
                            ? null
                            : row.get("pubsub_message_id").toString(),
                    raw.getBytes(StandardCharsets.UTF_8),
                    raw,
                    attributes,
                    reason,
                    "refused by BigQuery: event_id " + row.get("event_id"),
                    Instant.now()));
        }
    }

    /**
     * Dead letters the error table itself refused: there is no table left to put them in, so each is
     * logged whole at ERROR and counted ({@code dead_letters_refused}); watch that counter.
     */
    public static final class LogRefusedDeadLetterFn extends DoFn<BigQueryStorageApiInsertError, Void> {
        private static final Logger LOG = LoggerFactory.getLogger(LogRefusedDeadLetterFn.class);
        private final Counter refused = Metrics.counter(WriteToBigQuery.class, "dead_letters_refused");

        @ProcessElement
        public void process(@Element BigQueryStorageApiInsertError error) {
            refused.inc();
            LOG.error(
                    "BigQuery refused a dead letter for {}: {}; the row: {}",
                    error.getTable(),
                    error.getErrorMessage(),
                    error.getRow());
        }
    }

    @Override
    public WriteResult expand(PCollection<T> input) {
        BigQueryIO.Write<T> configured = write;
        if (input.isBounded() == PCollection.IsBounded.UNBOUNDED) {
            // Beam refuses STORAGE_WRITE_API on an unbounded input without a triggering frequency
            // and refuses a triggering frequency on a bounded one.
            configured =
                    configured.withTriggeringFrequency(TRIGGERING_FREQUENCY).withAutoSharding();
        }
        return input.apply("StorageWriteApi", configured);
    }

    /** A table schema from a class-path JSON resource ({@code {"fields": [...]}}, as {@code bq show --schema}). */
    public static TableSchema schema(String resource) {
        try (InputStream in = WriteToBigQuery.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + resource + " is missing");
            }
            return BigQueryHelpers.fromJsonString(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), TableSchema.class);
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
                .set(
                        "published_at",
                        event.publishedAt() == null ? null : event.publishedAt().toString())
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
