package dev.salesflow.app.bronze;

import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads bronze's dead letters, {@code sales_bronze.sales_events_error_records} (the only dead-letter
 * table of beam-bronze: parse failures and rows the warehouse refused), for {@code ./run.sh errors}
 * and {@code /api/bronze/errors}. A record is named by its {@code dead_letter_key} or any unique
 * prefix of it; values are bound, never written into the SQL.
 */
public final class ErrorRecords {

    static final String TABLE = "sales_bronze.sales_events_error_records";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'");

    private final Warehouse warehouse;

    public ErrorRecords(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The newest records first, at most {@code limit}, with the first line of their reason. */
    public List<Map<String, Object>> list(int limit) {
        if (!exists()) {
            return List.of();
        }
        return query(
                "select dead_letter_key, failed_at, pubsub_message_id, octet_length(payload_bytes) as size,"
                        + " error_message from " + TABLE + " order by failed_at desc, dead_letter_key limit ?",
                limit);
    }

    public long count() {
        return exists() ? warehouse.count(TABLE) : 0;
    }

    /**
     * One record in full: its original bytes as text when they are UTF-8, else as hex and base64 (and
     * the lenient text bronze kept), its attributes, reason and stack trace.
     *
     * @throws IllegalArgumentException when no record or several records start with {@code id}
     */
    public Map<String, Object> show(String id) {
        String prefix = id == null ? "" : id.strip().toLowerCase();
        if (!prefix.matches("[0-9a-f]{4,64}")) {
            throw new IllegalArgumentException(
                    "an error record id is the hex dead_letter_key of 'errors list' (at least its first 4 characters),"
                            + " got '" + id + "'");
        }
        List<Map<String, Object>> found = exists()
                ? query(
                        "select dead_letter_key, failed_at, pubsub_message_id, attributes, payload_bytes,"
                                + " payload_string, error_message, stacktrace from " + TABLE
                                + " where starts_with(dead_letter_key, ?) order by dead_letter_key limit 6",
                        prefix)
                : List.of();
        if (found.isEmpty()) {
            throw new IllegalArgumentException(
                    "no error record has an id starting with " + prefix + " ('errors list' shows the ids)");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("several error records start with " + prefix + " ("
                    + String.join(
                            ", ",
                            found.stream()
                                    .map(r -> (String) r.get("dead_letter_key"))
                                    .toList()) + "); give more characters");
        }
        Map<String, Object> record = new LinkedHashMap<>(found.get(0));
        byte[] bytes = (byte[]) record.remove("payload_bytes");
        String lenient = (String) record.remove("payload_string");
        record.put("size", bytes == null ? null : bytes.length);
        String text = bytes == null ? null : utf8(bytes);
        record.put("utf8", bytes != null && text != null);
        if (text != null) {
            record.put("payload_text", text);
        } else if (bytes != null) {
            record.put("payload_hex", HexFormat.of().formatHex(bytes));
            record.put("payload_base64", Base64.getEncoder().encodeToString(bytes));
            record.put("payload_text_lenient", lenient);
        } else {
            record.put("payload_text_lenient", lenient); // no bytes kept: what bronze read as text
        }
        return record;
    }

    /** The text of bytes that are valid UTF-8, else null. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private boolean exists() {
        return warehouse.tableExists("sales_bronze", "sales_events_error_records");
    }

    private List<Map<String, Object>> query(String sql, Object value) {
        try (Connection connection = warehouse.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        String name = rows.getMetaData().getColumnLabel(c);
                        Object v = switch (name) {
                            case "failed_at" -> {
                                LocalDateTime time = rows.getObject(c, LocalDateTime.class);
                                yield time == null ? null : UTC.format(time);
                            }
                            case "payload_bytes" -> rows.getBytes(c);
                            case "size" -> rows.getObject(c) == null ? null : rows.getLong(c);
                            default -> rows.getString(c);
                        };
                        row.put(name, v);
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new WarehouseException("reading " + TABLE + " failed: " + e.getMessage(), e);
        }
    }
}
