package dev.salesflow.gold;

import dev.salesflow.projections.SilverProjections;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.scd2.customer.CustomersScd2Projection;
import dev.salesflow.scd2.product.ProductsScd2Projection;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/** The tables gold reads, created from the real projections' specs (and bronze's DDL). */
public final class GoldFixtures {

    public static final List<TableSpec> SOURCE_TABLES = sourceTables();

    private GoldFixtures() {
    }

    private static List<TableSpec> sourceTables() {
        List<Projection> projections = new ArrayList<>(SilverProjections.all("EUR"));
        projections.add(new CustomersScd2Projection());
        projections.add(new ProductsScd2Projection());
        return projections.stream().flatMap(projection -> projection.tables().stream()).toList();
    }

    public static void createSourceTables(Warehouse warehouse) {
        for (TableSpec table : SOURCE_TABLES) {
            warehouse.execute("create schema if not exists " + table.schema());
            warehouse.execute(DuckDbTableStore.ddl(table));
        }
        warehouse.executeScript("gold-fixtures/bronze.sql");
    }
}
