package dev.salesflow.bronze.duckdb;

import dev.salesflow.bronze.BronzeEvent;
import dev.salesflow.bronze.grpcread.AckAfterLanding;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBAppender;

/** Lands events in {@code sales_bronze.sales_events}, once per {@code event_id}. */
public class WriteEventsFn extends DuckDbBatchWriteFn<BronzeEvent> {

    public WriteEventsFn(String duckdbFile) {
        this(duckdbFile, null);
    }

    /** @param acks acks each batch once committed (read path GRPC_BATCHES); {@code null} with PubsubIO */
    public WriteEventsFn(String duckdbFile, AckAfterLanding acks) {
        super(duckdbFile, "events", acks);
    }

    @Override
    String ackId(BronzeEvent event) {
        return event.ackId();
    }

    @ProcessElement
    public void process(@Element BronzeEvent event) throws SQLException {
        add(event);
    }

    @Override
    String table() {
        return BronzeTables.EVENTS;
    }

    @Override
    StagedRows<BronzeEvent> rows() {
        return new EventRows();
    }

    /** Bronze times are UTC TIMESTAMPs; a LocalDateTime keeps DuckDB from applying a zone. */
    static void appendUtc(DuckDBAppender appender, Instant instant) throws SQLException {
        if (instant == null) {
            appender.appendNull();
        } else {
            appender.append(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    /** {@code ingested_at} is when the row's transaction was written, the same for its whole batch. */
    static final class EventRows implements StagedRows<BronzeEvent> {

        @Override
        public String stagingTable() {
            return "bronze_sales_events_staging";
        }

        @Override
        public String stagingColumns() {
            return "event_id varchar, event_type varchar, event_revision varchar, aggregate_type varchar,"
                    + " aggregate_id varchar, sequence_number bigint, occurred_at timestamp, published_at timestamp,"
                    + " payload varchar, raw_message varchar, pubsub_message_id varchar, attributes varchar,"
                    + " ingested_at timestamp";
        }

        @Override
        public String key(BronzeEvent event) {
            return event.eventId();
        }

        @Override
        public void append(DuckDBAppender appender, BronzeEvent event, LocalDateTime landedAt) throws SQLException {
            appender.append(event.eventId())
                    .append(event.eventType())
                    .append(event.eventRevision())
                    .append(event.aggregateType())
                    .append(event.aggregateId())
                    .append(event.sequenceNumber());
            appendUtc(appender, event.occurredAt());
            appendUtc(appender, event.publishedAt());
            appender.append(event.payloadJson())
                    .append(event.rawMessage())
                    .append(event.pubsubMessageId())
                    .append(event.attributesJson())
                    .append(landedAt);
        }

        @Override
        public String insertFromStaging() {
            return "insert into " + BronzeTables.EVENTS + " (event_id, event_type, event_revision, aggregate_type,"
                    + " aggregate_id, sequence_number, occurred_at, published_at, payload, raw_message,"
                    + " pubsub_message_id, attributes, ingested_at)"
                    + " select event_id, event_type, event_revision, aggregate_type, aggregate_id, sequence_number,"
                    + " occurred_at, published_at, payload::json, raw_message, pubsub_message_id, attributes::json,"
                    + " ingested_at from " + stagingTable()
                    + " qualify row_number() over (partition by event_id order by arrival) = 1"
                    + " on conflict do nothing returning event_id";
        }
    }
}
