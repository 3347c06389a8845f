package dev.salesflow.app.dashboard;

import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projections.SilverProjections;
import dev.salesflow.scd2.customer.CustomersScd2Projection;
import dev.salesflow.scd2.product.ProductsScd2Projection;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Silver and snapshot tables (created from the real projections' specs, bronze from beam-bronze's
 * DDL) filled by SQL with N sale lines over 60 days in 10 countries, 5 channels, 7 payment methods
 * and 6 sale currencies, with customers and products that have SCD2 histories, cancellations and
 * refunds; then every gold model built by the real ModelRunner. The same idea as the gold layer's
 * benchmark generator, sized from a few thousand lines (tests) to 10 million (DashboardBenchmark).
 */
public final class GoldTestData {

    private GoldTestData() {}

    public static void createSources(Warehouse warehouse) {
        List<Projection> projections = new ArrayList<>(SilverProjections.all("EUR"));
        projections.add(new CustomersScd2Projection());
        projections.add(new ProductsScd2Projection());
        for (TableSpec table :
                projections.stream().flatMap(p -> p.tables().stream()).toList()) {
            warehouse.execute("create schema if not exists " + table.schema());
            warehouse.execute(DuckDbTableStore.ddl(table));
        }
        warehouse.executeScript("bronze/duckdb/bronze_tables.sql");
    }

    /** Sources with {@code lines} sale lines (3 per sale), placed in order from 2026-01-01 over 60 days. */
    public static void fill(Warehouse warehouse, long lines) {
        createSources(warehouse);
        long customers = Math.max(100, lines / 100);
        long products = Math.min(5_000, Math.max(60, lines / 50));
        warehouse.execute("create or replace macro gt_start() as timestamp '2026-01-01 00:00:00'");
        warehouse.execute(
                "create or replace macro gt_country(i) as ['DE','FR','GB','JP','US','SE','IT','ES','NL','PL'][i % 10 + 1]");
        warehouse.execute(
                "create or replace macro gt_currency(i) as ['EUR','EUR','GBP','JPY','USD','SEK','EUR','EUR','EUR','PLN'][i % 10 + 1]");
        warehouse.execute("create or replace macro gt_rate(c) as case c when 'GBP' then 0.85 when 'JPY' then 160"
                + " when 'USD' then 1.08 when 'SEK' then 11.2 when 'PLN' then 4.3 else 1 end");
        // 48 stores; store 47 never reaches dim_store (its sales count under country UNKNOWN)
        warehouse.execute(
                "insert into sales_silver.stores select 'st-' || i, 'Store ' || i, gt_country(i), 'City ' || i,"
                        + " case when i % 3 = 0 then 'ONLINE' else 'PHYSICAL' end, gt_currency(i), gt_start(), 'OPEN', null,"
                        + " gt_start(), 0 from range(47) t(i)");
        warehouse.execute("insert into sales_silver.fx_rates select 'EUR', c, cast(gt_start() as date) + d::int,"
                + " gt_rate(c), gt_start() + d * interval 1 day, 'fx-' || c || d, d"
                + " from range(70) r(d), (values ('GBP'), ('JPY'), ('USD'), ('SEK'), ('PLN')) v(c)");
        warehouse.execute("insert into sales_snapshots.customers_scd2 select md5('c' || i || '-0'), 'c' || i, 0,"
                + " 'REGISTERED', 'Customer ' || i, 'c' || i || '@example.com', gt_country(i), 'City', 'STANDARD',"
                + " gt_start() - interval 30 day, case when i % 3 = 0 then gt_start() + interval 20 day end,"
                + " gt_start() - interval 30 day, i % 3 <> 0 from range(" + customers + ") t(i)");
        warehouse.execute("insert into sales_snapshots.customers_scd2 select md5('c' || i || '-1'), 'c' || i, 1,"
                + " 'LOYALTY_TIER_CHANGED', 'Customer ' || i, 'c' || i || '@example.com', gt_country(i), 'City',"
                + " ['SILVER','GOLD','PLATINUM'][i % 3 + 1], gt_start() + interval 20 day, null,"
                + " gt_start() + interval 20 day, true from range(" + customers + ") t(i) where i % 3 = 0");
        warehouse.execute(
                "insert into sales_snapshots.products_scd2 select md5('p' || i || '-0'), 'p' || i, 0, 'LISTED',"
                        + " 'SKU-' || i, 'Product ' || i, 'Brand ' || (i % 40),"
                        + " ['Phones','Audio','Home','Toys','Books','Computers'][i % 6 + 1], 'Sub', 10 + i % 200, 'EUR', 'ACTIVE',"
                        + " gt_start() - interval 30 day, case when i % 10 = 0 then gt_start() + interval 30 day end,"
                        + " gt_start() - interval 30 day, i % 10 <> 0 from range(" + products + ") t(i)");
        warehouse.execute("insert into sales_snapshots.products_scd2 select md5('p' || i || '-1'), 'p' || i, 1,"
                + " 'RECATEGORISED', 'SKU-' || i, 'Product ' || i, 'Brand ' || (i % 40), 'Refurbished', 'Sub',"
                + " 10 + i % 200, 'EUR', 'ACTIVE', gt_start() + interval 30 day, null, gt_start() + interval 30 day, true"
                + " from range(" + products + ") t(i) where i % 10 = 0");
        // sale s = i // 3: store s % 48 (its currency), every 200th cancelled, every 100th (+7) refunds a unit of line
        // 1
        double spacing = 60.0 * 86_400 / lines;
        warehouse.execute("insert into sales_silver.sale_lines select sale_id, line_number, 'ev-' || s, customer_id,"
                + " 'st-' || (s % 48), channel, payment_method, currency, placed_at, product_id, quantity, unit_price, 0,"
                + " unit_price * quantity, status, null, case when status = 'CANCELLED' then placed_at end,"
                + " refunded_quantity, refunded_amount, net_amount, 'EUR', gt_rate(currency), cast(placed_at as date),"
                + " round(unit_price * quantity / gt_rate(currency), 2), round(refunded_amount / gt_rate(currency), 2),"
                + " round(unit_price * quantity / gt_rate(currency), 2) - round(refunded_amount / gt_rate(currency), 2)"
                + "   - case when status = 'CANCELLED' then round(unit_price * quantity / gt_rate(currency), 2) else 0 end,"
                + " case when refunded_quantity > 0 then 2 when status = 'CANCELLED' then 1 else 0 end"
                + " from (select i, i // 3 as s, 's' || (i // 3) as sale_id, i % 3 + 1 as line_number,"
                + "   'c' || cast(hash(i // 3) % " + customers + " as bigint) as customer_id,"
                + "   ['WEB','MOBILE_APP','IN_STORE','MARKETPLACE','PHONE'][cast(hash(i // 3 + 1) % 5 as bigint) + 1] as channel,"
                + "   ['CARD','PAYPAL','APPLE_PAY','GOOGLE_PAY','BANK_TRANSFER','CASH','BUY_NOW_PAY_LATER'][cast(hash(i // 3 + 2) % 7 as bigint) + 1]"
                + "     as payment_method,"
                + "   gt_currency((i // 3) % 48) as currency,"
                // a sale's lines share its instant (and so its day), as the domain's sales do
                + "   gt_start() + (i // 3) * 3 * " + spacing + " * interval 1 second as placed_at,"
                // and never name a product twice (the domain refuses a second line of a product)
                + "   'p' || ((cast(hash(i // 3) % " + products + " as bigint) + i % 3) % " + products
                + ") as product_id,"
                + " 1 + i % 3 as quantity,"
                + "   cast(10 + i % 90 as decimal(18, 2)) as unit_price,"
                + "   case when (i // 3) % 200 = 3 then 'CANCELLED' else 'PLACED' end as status,"
                + "   case when (i // 3) % 100 = 7 and i % 3 = 0 then 1 else 0 end as refunded_quantity,"
                + "   case when (i // 3) % 100 = 7 and i % 3 = 0 then cast(10 + i % 90 as decimal(18, 2)) else 0 end"
                + "     as refunded_amount,"
                + "   case when (i // 3) % 200 = 3 then 0 else cast(10 + i % 90 as decimal(18, 2)) * (1 + i % 3)"
                + "     - case when (i // 3) % 100 = 7 and i % 3 = 0 then cast(10 + i % 90 as decimal(18, 2)) else 0 end end"
                + "     as net_amount"
                + " from range(" + lines + ") t(i)) lines");
    }

    /** Builds every gold model from scratch; fails if one does not build. */
    public static ModelRunner.RunResult buildGold(Warehouse warehouse) {
        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load())
                .run(new ModelRunner.Request("test", List.of(), true, true), line -> {});
        if (!result.failedModels().isEmpty()) {
            throw new IllegalStateException("gold models failed: " + result.failedModels() + " " + result.summary());
        }
        return result;
    }
}
