package dev.salesflow.bronze.duckdb;

import dev.salesflow.bronze.BronzeEvent;
import dev.salesflow.bronze.FailedMessage;
import dev.salesflow.bronze.grpcread.AckAfterLanding;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * Lands events in {@code sales_bronze.sales_events}, once per {@code event_id}. A repeated event id
 * with the same event is a duplicate and dropped; with another event it is dead-lettered with the
 * reason, as is a row DuckDB refuses.
 */
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

    /** The message as it arrived (its data was strict UTF-8, so the text gives back its bytes). */
    @Override
    FailedMessage deadLetter(BronzeEvent event, String reason, String stacktrace) {
        return new FailedMessage(
                event.pubsubMessageId(),
                event.rawMessage().getBytes(StandardCharsets.UTF_8),
                event.rawMessage(),
                event.attributesJson(),
                reason,
                stacktrace,
                Instant.now(),
                event.ackId());
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

        /** The columns that are the event itself; the rest (publish time, message, attributes) is delivery. */
        private static final List<String> CONTENT = List.of(
                "event_type",
                "event_revision",
                "aggregate_type",
                "aggregate_id",
                "sequence_number",
                "occurred_at",
                "payload");

        @Override
        public String target() {
            return BronzeTables.EVENTS;
        }

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

        /**
         * A repeated event id is a duplicate only if the event is the same: compared column by column
         * with the landed row (the payload as the JSON text both were written from), so rows landed
         * before this check existed are compared too.
         */
        @Override
        public String contentConflicts() {
            StringBuilder differs = new StringBuilder();
            StringBuilder names = new StringBuilder();
            for (String column : CONTENT) {
                String landed = column.equals("payload") ? "t.payload::varchar" : "t." + column;
                String test = "s." + column + " is distinct from " + landed;
                differs.append(differs.length() == 0 ? "" : " or ").append(test);
                names.append(", case when ")
                        .append(test)
                        .append(" then '")
                        .append(column)
                        .append("' end");
            }
            return "select s.arrival, 'event_id ''' || s.event_id || ''' has already landed in " + BronzeTables.EVENTS
                    + " with other content (' || concat_ws(', '" + names + ") || ' differ; landed from Pub/Sub"
                    + " message ' || coalesce(t.pubsub_message_id, 'unknown') || '): one event id must always carry"
                    + " the same event, so this message is kept here and the landed row stays as it is'"
                    + " from " + stagingTable() + " s join " + BronzeTables.EVENTS + " t on s.event_id = t.event_id"
                    + " where " + differs;
        }

        @Override
        public String probeInsert() {
            return "insert into " + BronzeTables.EVENTS + " (event_id, event_type, event_revision, aggregate_type,"
                    + " aggregate_id, sequence_number, occurred_at, published_at, payload, raw_message,"
                    + " pubsub_message_id, attributes, ingested_at) values ('bronze-write-probe', 'SalePlacedEvent',"
                    + " '2', 'Sale', 'bronze-write-probe', 0, timestamp '2026-01-01 00:00:00', null, '{}', '{}', null,"
                    + " '{}', timestamp '2026-01-01 00:00:00') on conflict do nothing";
        }

        @Override
        public String probeDelete() {
            return "delete from " + BronzeTables.EVENTS + " where event_id = 'bronze-write-probe'";
        }
    }
}
