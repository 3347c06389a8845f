package dev.salesflow.bronze.duckdb;

import dev.salesflow.bronze.BronzeEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Lands events in {@code sales_bronze.sales_events}, once per {@code event_id}. */
public class WriteEventsFn extends DuckDbBatchWriteFn<BronzeEvent> {

    public WriteEventsFn(String duckdbFile) {
        super(duckdbFile, "events");
    }

    @ProcessElement
    public void process(@Element BronzeEvent event) throws SQLException {
        add(event);
    }

    @Override
    String insertSql() {
        return "insert into " + BronzeTables.EVENTS + " (event_id, event_type, event_revision, aggregate_type,"
                + " aggregate_id, sequence_number, occurred_at, published_at, payload, raw_message,"
                + " pubsub_message_id, attributes, ingested_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?::json, ?) on conflict do nothing";
    }

    @Override
    void bind(PreparedStatement insert, BronzeEvent event) throws SQLException {
        insert.setString(1, event.eventId());
        insert.setString(2, event.eventType());
        insert.setString(3, event.eventRevision());
        insert.setString(4, event.aggregateType());
        insert.setString(5, event.aggregateId());
        insert.setLong(6, event.sequenceNumber());
        setUtc(insert, 7, event.occurredAt());
        setUtc(insert, 8, event.publishedAt());
        insert.setString(9, event.payloadJson());
        insert.setString(10, event.rawMessage());
        insert.setString(11, event.pubsubMessageId());
        insert.setString(12, event.attributesJson());
        setUtc(insert, 13, Instant.now());
    }

    /** Bronze times are UTC TIMESTAMPs; binding a LocalDateTime keeps DuckDB from applying a zone. */
    static void setUtc(PreparedStatement insert, int index, Instant instant) throws SQLException {
        if (instant == null) {
            insert.setNull(index, Types.TIMESTAMP);
        } else {
            insert.setObject(index, java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
        }
    }

}
