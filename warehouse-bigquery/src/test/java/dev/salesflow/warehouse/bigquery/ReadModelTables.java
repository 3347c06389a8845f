package dev.salesflow.warehouse.bigquery;

import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projections.SilverProjections;
import dev.salesflow.scd2.customer.CustomersScd2Projection;
import dev.salesflow.scd2.product.ProductsScd2Projection;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-model tables the BigQuery statements are checked against: the specs of the real silver
 * and SCD2 projections (a test-scope dependency), so a column added there is analysed here too.
 */
final class ReadModelTables {

    static final List<TableSpec> ALL = projectionTables();

    static final TableSpec SALE_LINES = ALL.stream()
            .filter(table -> table.name().equals("sale_lines"))
            .findFirst()
            .orElseThrow();

    private ReadModelTables() {}

    private static List<TableSpec> projectionTables() {
        List<Projection> projections = new ArrayList<>(SilverProjections.all("EUR"));
        projections.add(new CustomersScd2Projection());
        projections.add(new ProductsScd2Projection());
        return projections.stream()
                .flatMap(projection -> projection.tables().stream())
                .toList();
    }
}
