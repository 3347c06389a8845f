package dev.salesflow.warehouse.table;

/**
 * Opens {@link TableStore}s on the configured warehouse: DuckDB locally, BigQuery in the gcp mode.
 * A store is meant for one writer (a processor or a replay) and is closed by whoever opened it;
 * each engine decides what opening costs (a DuckDB session; nothing for BigQuery, whose client is
 * shared).
 */
@FunctionalInterface
public interface TableStores {

    TableStore open();
}
