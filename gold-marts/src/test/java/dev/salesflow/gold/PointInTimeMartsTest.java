package dev.salesflow.gold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revenue by the customer's and product's attributes at sale time, from the SCD2 histories. */
class PointInTimeMartsTest {

    @TempDir
    Path dir;

    private DuckDbWarehouse warehouse;

    @BeforeEach
    void setUp() {
        warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
        GoldFixtures.createSourceTables(warehouse);
        warehouse.executeScript("gold-fixtures/point_in_time.sql");
    }

    @AfterEach
    void tearDown() {
        warehouse.close();
    }

    @Test
    void revenueCountsUnderTheLoyaltyTierTheCustomerHadWhenBuying() {
        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(result.failedModels()).as(result.summary()).isEmpty();
        assertThat(dataFailures(result)).as(result.summary()).isEmpty();
        // c1 is GOLD now, but only s2 was bought as GOLD; s1 (net of its refund) and s3 as STANDARD.
        assertThat(warehouse.query(
                        "select loyalty_tier, sales, customers, units, revenue"
                                + " from sales_gold.revenue_by_loyalty_tier_at_purchase order by loyalty_tier",
                        r -> String.join(
                                "|",
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getBigDecimal(5).toPlainString())))
                .containsExactly(
                        "GOLD|1|1|1|50.00", "PLATINUM|1|1|3|30.00", "STANDARD|2|1|3|100.00", "UNKNOWN|1|1|1|10.00");
    }

    @Test
    void revenueCountsUnderTheCategoryTheProductWasInWhenSold() {
        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(result.failedModels()).as(result.summary()).isEmpty();
        assertThat(dataFailures(result)).as(result.summary()).isEmpty();
        assertThat(warehouse.query(
                        "select category, revenue from sales_gold.revenue_by_category_at_sale" + " order by category",
                        r -> r.getString(1) + "|" + r.getBigDecimal(2).toPlainString()))
                .containsExactly("Audio|60.00", "Phones|80.00", "Refurbished|50.00");
        assertThat(warehouse.query(
                        "select f.sale_id || ':' || c.city || ':' || p.scd_id"
                                + " from sales_gold.fct_sale_lines f join sales_gold.dim_customer c using (customer_sk)"
                                + " join sales_gold.dim_product p using (product_sk)"
                                + " order by f.sale_id",
                        r -> r.getString(1)))
                .containsExactly("s1:London:p1-0", "s2:Berlin:p1-1", "s3:Berlin:p2-0", "s4:Berlin:p2-0");
    }

    @Test
    void deltaMergesAfterLateVersionsRefundsAndNewSalesEqualAFullRebuild() {
        // First build without c1's GOLD version, p1's recategorisation and c3's (first) version.
        warehouse.execute("delete from sales_snapshots.customers_scd2 where dbt_scd_id = 'c1-2'");
        warehouse.execute("update sales_snapshots.customers_scd2 set dbt_valid_to = null, is_current = true"
                + " where dbt_scd_id = 'c1-1'");
        warehouse.execute("delete from sales_snapshots.products_scd2 where dbt_scd_id = 'p1-1'");
        warehouse.execute("update sales_snapshots.products_scd2 set dbt_valid_to = null, is_current = true"
                + " where dbt_scd_id = 'p1-0'");
        // and a sale at a store not projected yet, on the day the late batch adds a sale to
        warehouse.execute("insert into sales_silver.sale_lines (sale_id, line_number, event_id, customer_id, store_id,"
                + " channel, payment_method, currency, placed_at, product_id, quantity, unit_price, discount, amount,"
                + " status, refunded_quantity, net_amount, reporting_currency, fx_rate, amount_reporting,"
                + " net_amount_reporting, last_sequence_number, refunded_amount, refunded_amount_reporting) values"
                + " ('s7', 1, 'e7', 'c3', 'st-fr', 'IN_STORE', 'CASH', 'EUR', '2026-02-12 08:00:00', 'p1', 1, 5, 0,"
                + " 5.00, 'PLACED', 0, 5.00, 'EUR', 1, 5.00, 5.00, 0, 0, 0)");
        ModelRunner runner = new ModelRunner(warehouse, GoldProject.load());
        assertThat(runner.run().failedModels()).isEmpty();
        assertThat(warehouse.count("sales_gold.mart_sales_cube_product_daily where country = 'UNKNOWN'"))
                .isEqualTo(1);

        // Then the late versions, a late refund of s4 and a new sale of two lines in one category
        warehouse.executeScript("gold-fixtures/point_in_time_late.sql");
        // and the store of s7: the cubes' rows of its day under UNKNOWN move to FR as a rebuild would
        warehouse.execute("insert into sales_silver.stores (store_id, name, country, city, kind, currency, opened_at,"
                + " status, updated_at, last_sequence_number) values ('st-fr', 'Paris', 'FR', 'Paris', 'PHYSICAL',"
                + " 'EUR', '2026-01-01', 'OPEN', '2026-01-01', 0)");
        ModelRunner.RunResult incremental = runner.run();
        assertThat(incremental.failedModels()).isEmpty();
        assertThat(incremental.models())
                .filteredOn(m -> m.model().equals("mart_sales_by_category_daily")
                        || m.model().equals("mart_sales_by_loyalty_tier_daily")
                        || m.model().equals("mart_sales_by_channel_daily")
                        || m.model().equals("mart_currency_split_daily")
                        || m.model().equals("mart_customer_lifetime"))
                .extracting(ModelRunner.ModelOutcome::mode)
                .containsOnly("incremental");
        List<String> merged = deltaMarts();

        runner.run(new ModelRunner.Request("test", List.of(), true, true), line -> {});

        assertThat(merged).isEqualTo(deltaMarts());
        assertThat(merged)
                .contains(
                        "mart_sales_by_category_daily|2026-02-10|Refurbished|EUR|1|0|1|0.00|50.00",
                        "mart_sales_by_loyalty_tier_daily|2026-02-11|GOLD|EUR|1|0|1|0.00|10.00",
                        "mart_sales_cube_product_daily|2026-02-12|FR|IN_STORE|EUR|p1|EUR|1|0|1|0.00|5.00|0.00|5.00")
                .noneMatch(row -> row.contains("UNKNOWN") && row.startsWith("mart_sales_cube_product_daily"));
    }

    private List<String> deltaMarts() {
        List<String> rows = new ArrayList<>();
        for (String table : List.of(
                "mart_sales_by_category_daily",
                "mart_sales_by_loyalty_tier_daily",
                "mart_sales_by_channel_daily",
                "mart_currency_split_daily",
                "mart_customer_lifetime",
                // the cubes refresh by group (re-pointed lines move between tiers and categories inside
                // one), the country, payment-method and store marts recompute the cube's changed days
                "mart_sales_cube_daily",
                "mart_sales_cube_category_daily",
                "mart_sales_cube_product_daily",
                "mart_sales_cube_customer_daily",
                "mart_sales_by_country_daily",
                "mart_payment_methods_by_country_daily",
                "mart_sales_by_store_daily",
                "mart_sales_by_product_daily")) {
            String columns = "columns(lambda c: c <> '_loaded_at')";
            rows.addAll(warehouse.query("select " + columns + " from sales_gold." + table + " order by all", r -> {
                StringBuilder row = new StringBuilder(table);
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.append('|').append(r.getString(i));
                }
                return row.toString();
            }));
        }
        return rows;
    }

    @Test
    void overlappingVersionsFailTheDataTests() {
        // A second open GOLD version of c1 from 02-01: two versions cover s1 and s3.
        warehouse.execute("insert into sales_snapshots.customers_scd2 values ('c1-9', 'c1', 9, 'LOYALTY_TIER_CHANGED',"
                + " 'Ada', 'ada@example.com', 'GB', 'London', 'GOLD', '2026-02-01 00:00:00', null,"
                + " '2026-02-01 00:00:00', true)");

        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(dataFailures(result))
                .contains("customers_scd2_history_is_contiguous", "sale_lines_match_one_customer_version");
        assertThat(warehouse.query(
                        "select failing_rows from sales_ops.gold_test_results where test ="
                                + " 'sale_lines_match_one_customer_version'",
                        r -> r.getLong(1)))
                .containsExactly(3L);
    }

    @Test
    void aGapInAHistoryFailsTheDataTests() {
        // p1's first version now ends at 02-03 09:00, before s1 was placed: nothing covers s1.
        warehouse.execute("update sales_snapshots.products_scd2 set dbt_valid_to = '2026-02-03 09:00:00'"
                + " where dbt_scd_id = 'p1-0'");

        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(dataFailures(result))
                .containsExactlyInAnyOrder(
                        "products_scd2_history_is_contiguous", "sale_lines_match_one_product_version");
    }

    /** Failed tests other than freshness (the fixtures' business times are in the past). */
    static java.util.List<String> dataFailures(ModelRunner.RunResult result) {
        return result.failedTests().stream()
                .filter(t -> !t.startsWith("source_freshness_"))
                .toList();
    }
}
