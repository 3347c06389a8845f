package dev.salesflow.warehouse.table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One column of a read-model table.
 *
 * @param scale decimals of a {@link ColumnType#DECIMAL} column (ignored otherwise)
 */
public record Column(String name, ColumnType type, boolean nullable, int scale) {

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, false, 0);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, true, 0);
    }

    public static Column money(String name, boolean nullable) {
        return new Column(name, ColumnType.DECIMAL, nullable, 2);
    }

    public static Column decimal(String name, int scale, boolean nullable) {
        return new Column(name, ColumnType.DECIMAL, nullable, scale);
    }

    /**
     * The value in the one representation rows use, whatever produced it (a projection, or a JDBC
     * driver reading the table back): strings for enums, {@code Long} for integers, decimals at the
     * column's scale, {@code Instant} for timestamps. A row read back from the warehouse therefore
     * equals the row that was written, which replays and checksums rely on.
     */
    public Object normalise(Object value) {
        if (value == null) {
            if (!nullable) {
                throw new IllegalArgumentException("column " + name + " must not be null");
            }
            return null;
        }
        return switch (type) {
            case STRING -> value instanceof Enum<?> constant ? constant.name() : value.toString();
            case INT64 -> ((Number) value).longValue();
            case DECIMAL -> decimal(value).setScale(scale, RoundingMode.HALF_EVEN);
            case TIMESTAMP -> instant(value);
            case DATE -> value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
            case BOOL -> (Boolean) value;
        };
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return new BigDecimal(value.toString());
    }

    private Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalArgumentException(
                "column " + name + " expects a time, got " + value.getClass().getName());
    }
}
