package dev.salesflow.bronze.duckdb;

import dev.salesflow.bronze.FailedMessage;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Lands dead letters in {@code sales_bronze.sales_events_error_records}, once per Pub/Sub message. */
public class WriteErrorRecordsFn extends DuckDbBatchWriteFn<FailedMessage> {

    public WriteErrorRecordsFn(String duckdbFile) {
        super(duckdbFile, "error_records");
    }

    @ProcessElement
    public void process(@Element FailedMessage failed) throws SQLException {
        add(failed);
    }

    @Override
    String insertSql() {
        return "insert into " + BronzeTables.ERROR_RECORDS + " (pubsub_message_id, failed_at, attributes,"
                + " payload_string, payload_bytes, error_message, stacktrace)"
                + " values (?, ?, ?::json, ?, ?, ?, ?) on conflict do nothing";
    }

    @Override
    void bind(PreparedStatement insert, FailedMessage failed) throws SQLException {
        insert.setString(1, failed.pubsubMessageId());
        WriteEventsFn.setUtc(insert, 2, failed.failedAt());
        insert.setString(3, failed.attributesJson());
        insert.setString(4, failed.payloadString());
        insert.setBytes(5, failed.payloadBytes());
        insert.setString(6, failed.errorMessage());
        insert.setString(7, failed.stacktrace());
    }
}
