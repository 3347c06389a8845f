package dev.salesflow.bronze.bigquery;

import com.google.api.services.bigquery.model.TableRow;
import dev.salesflow.bronze.BronzeEvent;
import dev.salesflow.bronze.FailedMessage;
import java.time.Instant;
import java.util.Base64;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;

/**
 * The cloud sink: bronze rows and dead letters through the BigQuery Storage Write API into
 * tables created beforehand (their DDL is in {@code bronze/bigquery/}).
 *
 * <p>Issue 4 completes this path (day partitioning, tests with Beam's BigQuery test services).
 */
public final class WriteToBigQuery {

    private WriteToBigQuery() {
    }

    public static BigQueryIO.Write<BronzeEvent> events(String table) {
        return BigQueryIO.<BronzeEvent>write()
                .to(table)
                .withFormatFunction(WriteToBigQuery::eventRow)
                .withMethod(Method.STORAGE_WRITE_API)
                .withCreateDisposition(CreateDisposition.CREATE_NEVER)
                .withWriteDisposition(WriteDisposition.WRITE_APPEND);
    }

    public static BigQueryIO.Write<FailedMessage> errorRecords(String table) {
        return BigQueryIO.<FailedMessage>write()
                .to(table)
                .withFormatFunction(WriteToBigQuery::errorRow)
                .withMethod(Method.STORAGE_WRITE_API)
                .withCreateDisposition(CreateDisposition.CREATE_NEVER)
                .withWriteDisposition(WriteDisposition.WRITE_APPEND);
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
                .set("pubsub_message_id", failed.pubsubMessageId())
                .set("failed_at", failed.failedAt().toString())
                .set("attributes", failed.attributesJson())
                .set("payload_string", failed.payloadString())
                .set("payload_bytes", Base64.getEncoder().encodeToString(failed.payloadBytes()))
                .set("error_message", failed.errorMessage())
                .set("stacktrace", failed.stacktrace());
    }
}
