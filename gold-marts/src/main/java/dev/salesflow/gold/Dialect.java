package dev.salesflow.gold;

/** The warehouse a rendering is for; the templates' {@code target.type}. */
public enum Dialect {
    DUCKDB("duckdb"),
    BIGQUERY("bigquery");

    private final String type;

    Dialect(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    /** The dialect of a query engine. */
    public static Dialect of(dev.salesflow.warehouse.engine.QueryEngine.Kind kind) {
        return switch (kind) {
            case DUCKDB -> DUCKDB;
            case BIGQUERY -> BIGQUERY;
        };
    }
}
