package dev.salesflow.bronze.duckdb;

import dev.salesflow.bronze.FailedMessage;
import dev.salesflow.bronze.grpcread.AckAfterLanding;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.duckdb.DuckDBAppender;

/**
 * Lands dead letters in {@code sales_bronze.sales_events_error_records}, once per
 * {@link FailedMessage#deadLetterKey()}: once per message and failure.
 */
public class WriteErrorRecordsFn extends DuckDbBatchWriteFn<FailedMessage> {

    public WriteErrorRecordsFn(String duckdbFile) {
        this(duckdbFile, null);
    }

    /** @param acks acks each batch once committed (read path GRPC_BATCHES); {@code null} with PubsubIO */
    public WriteErrorRecordsFn(String duckdbFile, AckAfterLanding acks) {
        super(duckdbFile, "error_records", acks);
    }

    @Override
    String ackId(FailedMessage failed) {
        return failed.ackId();
    }

    /** A dead letter the table refuses has nowhere else to go: the write fails (see the caller). */
    @Override
    FailedMessage deadLetter(FailedMessage failed, String reason, String stacktrace) {
        return null;
    }

    @ProcessElement
    public void process(@Element FailedMessage failed) throws SQLException {
        add(failed);
    }

    @Override
    String table() {
        return BronzeTables.ERROR_RECORDS;
    }

    @Override
    StagedRows<FailedMessage> rows() {
        return new ErrorRecordRows();
    }

    static final class ErrorRecordRows implements StagedRows<FailedMessage> {

        @Override
        public String target() {
            return BronzeTables.ERROR_RECORDS;
        }

        @Override
        public String stagingTable() {
            return "bronze_error_records_staging";
        }

        @Override
        public String stagingColumns() {
            return "dead_letter_key varchar, pubsub_message_id varchar, failed_at timestamp, attributes varchar,"
                    + " payload_string varchar,"
                    + " payload_bytes blob, error_message varchar, stacktrace varchar";
        }

        @Override
        public String key(FailedMessage failed) {
            return failed.deadLetterKey();
        }

        @Override
        public void append(DuckDBAppender appender, FailedMessage failed, LocalDateTime landedAt) throws SQLException {
            appender.append(failed.deadLetterKey()).append(failed.pubsubMessageId());
            WriteEventsFn.appendUtc(appender, failed.failedAt());
            appender.append(failed.attributesJson())
                    .append(failed.payloadString())
                    .append(failed.payloadBytes())
                    .append(failed.errorMessage())
                    .append(failed.stacktrace());
        }

        @Override
        public String insertFromStaging() {
            return "insert into " + BronzeTables.ERROR_RECORDS + " (dead_letter_key, pubsub_message_id, failed_at,"
                    + " attributes, payload_string, payload_bytes, error_message, stacktrace)"
                    + " select dead_letter_key, pubsub_message_id, failed_at, attributes::json, payload_string,"
                    + " payload_bytes, error_message, stacktrace from " + stagingTable()
                    + " qualify row_number() over (partition by dead_letter_key order by arrival) = 1"
                    + " on conflict do nothing returning dead_letter_key";
        }

        /** The key hashes the message and the reason: the same key is the same dead letter. */
        @Override
        public String contentConflicts() {
            return null;
        }

        @Override
        public String probeInsert() {
            return "insert into " + BronzeTables.ERROR_RECORDS + " (dead_letter_key, failed_at, error_message)"
                    + " values ('bronze-write-probe', timestamp '2026-01-01 00:00:00', 'probe')"
                    + " on conflict do nothing";
        }

        @Override
        public String probeDelete() {
            return "delete from " + BronzeTables.ERROR_RECORDS + " where dead_letter_key = 'bronze-write-probe'";
        }
    }
}
