package dev.salesflow.warehouse.table;

/**
 * The column types read models use, named by what they hold rather than by one engine's type
 * names: each engine renders them ({@code varchar} / {@code STRING}, {@code decimal(18,2)} /
 * {@code NUMERIC}, …). Values in rows are Java objects of {@link #javaType()}.
 */
public enum ColumnType {
    STRING(String.class),
    INT64(Long.class),
    /** Fixed-point; the column's {@linkplain Column#scale() scale} says how many decimals. */
    DECIMAL(java.math.BigDecimal.class),
    /** A UTC instant. */
    TIMESTAMP(java.time.Instant.class),
    DATE(java.time.LocalDate.class),
    BOOL(Boolean.class);

    private final Class<?> javaType;

    ColumnType(Class<?> javaType) {
        this.javaType = javaType;
    }

    public Class<?> javaType() {
        return javaType;
    }
}
