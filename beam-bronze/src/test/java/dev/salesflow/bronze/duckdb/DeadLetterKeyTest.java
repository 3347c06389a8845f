package dev.salesflow.bronze.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.bronze.FailedMessage;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters are one row per message and failure, whatever the message ids; old files are migrated. */
class DeadLetterKeyTest {

    @TempDir
    Path dir;

    private static FailedMessage failed(String messageId, String data, String reason) {
        return new FailedMessage(
                messageId,
                data.getBytes(StandardCharsets.UTF_8),
                data,
                "{\"a\":\"1\"}",
                reason,
                null,
                Instant.parse("2026-01-02T03:04:05Z"),
                null);
    }

    private static GroupCommit.Written<FailedMessage> write(
            DuckDbWarehouse warehouse, String file, List<FailedMessage> letters) throws SQLException {
        GroupCommit<FailedMessage> errors =
                GroupCommit.of(file, BronzeTables.ERROR_RECORDS, new WriteErrorRecordsFn.ErrorRecordRows());
        try (DuckDBConnection connection = warehouse.connect().unwrap(DuckDBConnection.class)) {
            connection.setAutoCommit(false);
            errors.createStaging(connection);
            connection.commit();
            return errors.write(letters, connection);
        }
    }

    @Test
    void differentFailuresWithOneMessageIdAreTwoRowsAndARedeliveryIsNone() throws SQLException {
        String file = dir.resolve("warehouse.duckdb").toString();
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(file));
        BronzeTables.create(warehouse);

        write(warehouse, file, List.of(failed("1", "not json", "not JSON")));
        // The emulator restarted: numbering from 1 again. Another bad message, and the first one redelivered.
        GroupCommit.Written<FailedMessage> second = write(
                warehouse,
                file,
                List.of(
                        failed("1", "{\"also\":\"bad\"}", "field 'payload' is missing or not an object"),
                        failed("1", "not json", "not JSON")));

        assertThat(second.inserted()).isEqualTo(1);
        assertThat(warehouse.query(
                        "select pubsub_message_id || ' ' || payload_string || ' / ' || error_message" + " from "
                                + BronzeTables.ERROR_RECORDS + " order by payload_string",
                        r -> r.getString(1)))
                .containsExactly(
                        "1 not json / not JSON", "1 {\"also\":\"bad\"} / field 'payload' is missing or not an object");
        // The same message failing for another reason is another dead letter.
        assertThat(write(warehouse, file, List.of(failed("1", "not json", "another reason")))
                        .inserted())
                .isOne();
        warehouse.close();
    }

    @Test
    void theKeyCoversTheWholeDataTheAttributesAndTheReason() {
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        String key = FailedMessage.key(data, "{}", "r");
        assertThat(key).hasSize(64).isEqualTo(FailedMessage.key(data, "{}", "r"));
        assertThat(FailedMessage.key("y".getBytes(StandardCharsets.UTF_8), "{}", "r"))
                .isNotEqualTo(key);
        assertThat(FailedMessage.key(data, "{\"a\":\"1\"}", "r")).isNotEqualTo(key);
        assertThat(FailedMessage.key(data, "{}", "s")).isNotEqualTo(key);
        // Length-prefixed: moving a character from one part to the next changes the key.
        assertThat(FailedMessage.key("ab".getBytes(StandardCharsets.UTF_8), "c", "r"))
                .isNotEqualTo(FailedMessage.key("a".getBytes(StandardCharsets.UTF_8), "bc", "r"));
    }

    @Test
    void aDeadLetterTableFromBeforeTheKeyIsMigratedWithItsRows() throws SQLException {
        String file = dir.resolve("warehouse.duckdb").toString();
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(file));
        warehouse.execute("create schema sales_bronze");
        warehouse.execute("create table " + BronzeTables.ERROR_RECORDS + " (pubsub_message_id varchar primary key,"
                + " failed_at timestamp not null, attributes json, payload_string varchar, payload_bytes blob,"
                + " error_message varchar not null, stacktrace varchar)");
        warehouse.execute("insert into " + BronzeTables.ERROR_RECORDS + " values ('1', timestamp '2026-01-01 00:00:00',"
                + " '{}', 'old bad', 'old bad'::blob, 'not JSON', null)");

        BronzeTables.create(warehouse);
        write(warehouse, file, List.of(failed("1", "new bad", "not JSON")));
        BronzeTables.create(warehouse); // a second start changes nothing

        assertThat(warehouse.query(
                        "select dead_letter_key || ' ' || payload_string from " + BronzeTables.ERROR_RECORDS
                                + " order by payload_string",
                        r -> r.getString(1)))
                .satisfiesExactly(
                        first -> assertThat(first).matches("[0-9a-f]{64} new bad"),
                        second -> assertThat(second).isEqualTo("pubsub_message_id:1 old bad"));
        assertThat(warehouse.tableExists("sales_bronze", BronzeTables.ERROR_RECORDS_BEFORE_KEY))
                .isFalse();
        warehouse.close();
    }
}
