package dev.salesflow.gold.bench;

import dev.salesflow.gold.GoldFixtures;
import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times the gold layer on DuckDB: generates N sale lines (default 10,000,000) with their customers,
 * products (both with SCD2 histories), stores, rates and refund events straight into a new DuckDB
 * file, times a full rebuild of every model, then appends one minute of live data (20 sales/s:
 * 1,200 sales, plus late refunds of old sales and loyalty-tier changes) and times an incremental
 * refresh, then a minute of new sales only and a run with nothing new. Data tests are not timed
 * (run them with {@code marts test}).
 *
 * <pre>
 * mvn -B -o -q -pl gold-marts -am test-compile
 * java -cp "gold-marts/target/test-classes:gold-marts/target/classes:$(cat cp.txt)" \
 *     dev.salesflow.gold.bench.GoldBenchmark [lines] [folder]
 * </pre>
 */
public final class GoldBenchmark {

    private GoldBenchmark() {}

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("gold-bench");
        Path file = dir.resolve("gold-bench.duckdb");
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve("gold-bench.duckdb.wal"));
        System.out.printf(
                "Gold benchmark: %,d sale lines into %s (%d cores, max heap %d MB)%n",
                lines,
                file,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        // -Dgold.bench.reuse=true keeps the generated sources beside the file and starts from a copy
        // of them next time (generating 10 M lines takes longer than the runs measured)
        Path sources = dir.resolve("gold-bench-sources-" + lines + ".duckdb");
        boolean reuse = Boolean.getBoolean("gold.bench.reuse");
        if (reuse && Files.exists(sources)) {
            Files.copy(sources, file);
            System.out.println("sources copied from " + sources);
        } else {
            try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(file)) {
                long t0 = System.nanoTime();
                generate(warehouse, lines);
                System.out.printf("generated in %.1f s%n", seconds(t0));
                warehouse.execute("checkpoint");
            }
            if (reuse) {
                Files.copy(file, sources, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(file)) {
            System.out.printf(
                    "sources: %,d lines, %,d customer versions, %,d product versions, %,d bronze" + " refund events%n",
                    warehouse.count("sales_silver.sale_lines"),
                    warehouse.count("sales_snapshots.customers_scd2"),
                    warehouse.count("sales_snapshots.products_scd2"),
                    warehouse.count("sales_bronze.sales_events"));
            warehouse.execute("checkpoint");

            ModelRunner runner = new ModelRunner(warehouse, GoldProject.load());
            ModelRunner.Request full = new ModelRunner.Request("benchmark", List.of(), true, true, false);
            long t1 = System.nanoTime();
            long c1 = cpu();
            ModelRunner.RunResult rebuilt = runner.run(full, line -> {});
            double fullSeconds = seconds(t1);
            double fullCpu = (cpu() - c1) / 1e9;
            report("full rebuild", rebuilt, fullSeconds, warehouse.count("sales_gold.fct_sale_lines"));
            warehouse.execute("checkpoint");

            long t2 = System.nanoTime();
            long appended = appendOneMinute(warehouse, lines);
            System.out.printf(
                    "appended one minute of live data in %.2f s: %,d sale lines (1,200 sales), 20 late"
                            + " refunds of old sales, 10 loyalty-tier changes%n",
                    seconds(t2), appended);
            ModelRunner.Request incremental = new ModelRunner.Request("benchmark", List.of(), false, true, false);
            long t3 = System.nanoTime();
            long c3 = cpu();
            ModelRunner.RunResult refreshed = runner.run(incremental, line -> {});
            double incrementalSeconds = seconds(t3);
            double incrementalCpu = (cpu() - c3) / 1e9;
            long changed = refreshed.models().stream()
                    .filter(m -> m.model().equals("fct_sale_lines"))
                    .mapToLong(m -> m.rowsAffected() == null ? 0 : m.rowsAffected())
                    .sum();
            report("incremental refresh", refreshed, incrementalSeconds, changed);

            // The same minute again, new sales only (no late refund, no tier change): the append-only case.
            long t4 = System.nanoTime();
            warehouse.execute(saleLinesSql(
                    lines + 3_600, 3_600, "(select max(placed_at) from sales_silver.sale_lines)", 0.05 / 3));
            System.out.printf("appended another minute, new sales only, in %.2f s%n", seconds(t4));
            long t5 = System.nanoTime();
            long c5 = cpu();
            ModelRunner.RunResult appendOnly = runner.run(incremental, line -> {});
            double appendSeconds = seconds(t5);
            double appendCpu = (cpu() - c5) / 1e9;
            report("incremental refresh, new sales only", appendOnly, appendSeconds, 3_600);
            // Nothing new (the scheduler's run every few seconds on a quiet pipeline).
            long t6 = System.nanoTime();
            long c6 = cpu();
            ModelRunner.RunResult idle = runner.run(incremental, line -> {});
            double idleSeconds = seconds(t6);
            double idleCpu = (cpu() - c6) / 1e9;
            report("incremental refresh, nothing new", idle, idleSeconds, 0);
            System.out.printf(
                    "RESULT full rebuild %.2f s (%,.0f lines/s, target < 10 s); incremental %.3f s"
                            + " (%,d fact lines rewritten, %,.0f rows/s, target < 1 s); new sales only %.3f s;"
                            + " nothing new %.3f s%n",
                    fullSeconds,
                    lines / fullSeconds,
                    incrementalSeconds,
                    changed,
                    changed / incrementalSeconds,
                    appendSeconds,
                    idleSeconds);
            // CPU seconds of the process over 2 cores: what the runs cost whatever else the host runs
            System.out.printf(
                    "CPU full rebuild %.2f s; incremental %.2f s; new sales only %.2f s; nothing new %.2f s%n",
                    fullCpu, incrementalCpu, appendCpu, idleCpu);
        }
    }

    private static void report(String what, ModelRunner.RunResult result, double seconds, long rows) {
        System.out.printf(
                "%s: %.3f s, %,d fact rows (%,.0f rows/s); %s%n",
                what, seconds, rows, rows / seconds, result.summary());
        result.models().stream()
                .sorted((a, b) -> Long.compare(b.durationMs(), a.durationMs()))
                .limit(8)
                .forEach(m -> System.out.printf(
                        "    %-40s %-22s %6d ms %,12d rows%n",
                        m.model(), m.mode(), m.durationMs(), m.rowsAffected() == null ? 0 : m.rowsAffected()));
        if (!result.failedModels().isEmpty()) {
            throw new IllegalStateException("models failed: " + result.models());
        }
    }

    /** CPU time of this process (DuckDB's threads included), in ns: on a shared host, wall time is not ours. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Everything in SQL from range(): ~60 days of sales, 3 lines per sale, rows in placement order. */
    static void generate(DuckDbWarehouse warehouse, long lines) {
        GoldFixtures.createSourceTables(warehouse);
        long customers = Math.max(100, lines / 100);
        long products = 5_000;
        warehouse.execute("create or replace macro bench_start() as timestamp '2026-01-01 00:00:00'");
        warehouse.execute("insert into sales_silver.stores select 'st-' || i, 'Store ' || i,"
                + " ['DE','FR','GB','JP','US','SE','IT','ES','NL','PL'][i % 10 + 1], 'City ' || i,"
                + " case when i % 3 = 0 then 'ONLINE' else 'PHYSICAL' end,"
                + " ['EUR','EUR','GBP','JPY','USD','SEK','EUR','EUR','EUR','PLN'][i % 10 + 1], bench_start(), 'OPEN',"
                + " null, bench_start(), 0 from range(50) t(i)");
        warehouse.execute("insert into sales_silver.fx_rates select 'EUR', c, cast(bench_start() as date) + d::int,"
                + " case c when 'GBP' then 0.85 when 'JPY' then 160 when 'USD' then 1.08 when 'SEK' then 11.2 else 4.3 end"
                + " * (1 + (d % 7) / 1000.0), bench_start() + d * interval 1 day, 'fx-' || d, d"
                + " from range(70) r(d), (values ('GBP'), ('JPY'), ('USD'), ('SEK'), ('PLN')) v(c)");
        // every customer registered; every third changed tier on day 20
        warehouse.execute("insert into sales_snapshots.customers_scd2 select md5('c' || i || '-0'), 'c' || i, 0,"
                + " 'REGISTERED', 'Customer ' || i, 'c' || i || '@example.com', ['DE','FR','GB','JP','US'][i % 5 + 1],"
                + " 'City', 'STANDARD', bench_start() - interval 30 day,"
                + " case when i % 3 = 0 then bench_start() + interval 20 day end, bench_start() - interval 30 day,"
                + " i % 3 <> 0 from range(" + customers + ") t(i)");
        warehouse.execute("insert into sales_snapshots.customers_scd2 select md5('c' || i || '-1'), 'c' || i, 1,"
                + " 'LOYALTY_TIER_CHANGED', 'Customer ' || i, 'c' || i || '@example.com',"
                + " ['DE','FR','GB','JP','US'][i % 5 + 1], 'City', ['SILVER','GOLD','PLATINUM'][i % 3 + 1],"
                + " bench_start() + interval 20 day, null, bench_start() + interval 20 day, true"
                + " from range(" + customers + ") t(i) where i % 3 = 0");
        warehouse.execute(
                "insert into sales_snapshots.products_scd2 select md5('p' || i || '-0'), 'p' || i, 0, 'LISTED',"
                        + " 'SKU-' || i, 'Product ' || i, 'Brand ' || (i % 40), ['Phones','Audio','Home','Toys','Books'][i % 5 + 1],"
                        + " 'Sub', 10 + i % 200, 'EUR', 'ACTIVE', bench_start() - interval 30 day,"
                        + " case when i % 10 = 0 then bench_start() + interval 30 day end, bench_start() - interval 30 day,"
                        + " i % 10 <> 0 from range(" + products + ") t(i)");
        warehouse.execute("insert into sales_snapshots.products_scd2 select md5('p' || i || '-1'), 'p' || i, 1,"
                + " 'RECATEGORISED', 'SKU-' || i, 'Product ' || i, 'Brand ' || (i % 40), 'Refurbished', 'Sub',"
                + " 10 + i % 200, 'EUR', 'ACTIVE', bench_start() + interval 30 day, null, bench_start() + interval 30 day,"
                + " true from range(" + products + ") t(i) where i % 10 = 0");
        warehouse.execute(saleLinesSql(0, lines, "bench_start()", 60.0 * 86_400 / lines));
        // 1 % of the sales refunded (one unit of the first line), 0.5 % cancelled
        warehouse.execute("insert into sales_bronze.sales_events select 'ev-r' || s, 'SaleRefundedEvent', '1', 'Sale',"
                + " 's' || s, 2, bench_start() + s * 3 * " + (60.0 * 86_400 / lines) + " * interval 1 second"
                + " + interval 3 day, null, json_object('saleId', 's' || s, 'refundId', 'r' || s, 'currency', 'EUR', 'lines',"
                + " [json_object('productId', 'p' || ((s * 3) % " + products + "), 'quantity', 1, 'amount', 1.00)],"
                + " 'amount', 1.00, 'reason', 'DAMAGED'), '{}', null, null, now() - interval 1 day"
                + " from range(" + lines / 3 + ") t(s) where s % 100 = 7");
    }

    /** Lines [from, from + count): sale = line / 3, placed `spacing` seconds apart per line after `start`. */
    static String saleLinesSql(long from, long count, String start, double spacing) {
        return "insert into sales_silver.sale_lines select 's' || (i // 3), i % 3 + 1, 'ev-' || (i // 3),"
                + " 'c' || hash(i // 3) % "
                + "(select count(distinct customer_id) from sales_snapshots.customers_scd2),"
                + " 'st-' || (i // 3) % 50, ['WEB','MOBILE_APP','IN_STORE','MARKETPLACE','PHONE'][(i // 3) % 5 + 1],"
                + " ['CARD','PAYPAL','APPLE_PAY','GOOGLE_PAY','BANK_TRANSFER','CASH','BUY_NOW_PAY_LATER'][(i // 3) % 7 + 1],"
                + " 'EUR', " + start + " + (i - " + from + ") * " + spacing + " * interval 1 second, 'p' || (i % 5000),"
                + " 1 + i % 3, 10 + i % 90, 0, 10 + i % 90, case when (i // 3) % 200 = 3 then 'CANCELLED' else 'PLACED' end,"
                + " null, null, case when (i // 3) % 100 = 7 and i % 3 = 0 then 1 else 0 end,"
                + " case when (i // 3) % 100 = 7 and i % 3 = 0 then 1.00 else 0 end,"
                + " case when (i // 3) % 200 = 3 then 0 when (i // 3) % 100 = 7 and i % 3 = 0 then 9 + i % 90"
                + " else 10 + i % 90 end, 'EUR', 1, cast(" + start + " as date), 10 + i % 90,"
                + " case when (i // 3) % 100 = 7 and i % 3 = 0 then 1.00 else 0 end,"
                + " case when (i // 3) % 200 = 3 then 0 when (i // 3) % 100 = 7 and i % 3 = 0 then 9 + i % 90"
                + " else 10 + i % 90 end, case when (i // 3) % 100 = 7 then 2 when (i // 3) % 200 = 3 then 1 else 0 end"
                + " from range(" + from + ", " + (from + count) + ") t(i)";
    }

    /** One minute at 20 sales/s (3 lines each), as the projections write it, placed after the history. */
    static long appendOneMinute(DuckDbWarehouse warehouse, long lines) {
        long newLines = 1_200 * 3;
        warehouse.execute(
                saleLinesSql(lines, newLines, "(select max(placed_at) from sales_silver.sale_lines)", 0.05 / 3));
        // late refunds of 20 old sales spread over the history: their rows are replaced (delete + insert)
        warehouse.execute("create or replace table bench_late as select * from sales_silver.sale_lines"
                + " where sale_id in (select 's' || (i * " + (lines / 3 / 21) + ") from range(1, 21) t(i))");
        warehouse.execute("update bench_late set refunded_quantity = 1, refunded_amount = unit_price,"
                + " net_amount = amount - unit_price, refunded_amount_reporting = unit_price,"
                + " net_amount_reporting = amount_reporting - unit_price, last_sequence_number = last_sequence_number + 5"
                + " where line_number = 1 and status <> 'CANCELLED'");
        warehouse.execute("update bench_late set last_sequence_number = last_sequence_number + 5 where line_number <> 1"
                + " or status = 'CANCELLED'");
        warehouse.execute("delete from sales_silver.sale_lines where sale_id in (select sale_id from bench_late)");
        warehouse.execute("insert into sales_silver.sale_lines select * from bench_late");
        warehouse.execute(
                "insert into sales_bronze.sales_events select 'ev-late-' || sale_id, 'SaleRefundedEvent', '1',"
                        + " 'Sale', sale_id, 7, now(), null, json_object('saleId', sale_id, 'refundId', 'late-' || sale_id, 'currency',"
                        + " 'EUR', 'lines', [json_object('productId', product_id, 'quantity', 1, 'amount', unit_price)], 'amount',"
                        + " unit_price, 'reason', 'LATE'), '{}', null, null, now() from bench_late where line_number = 1");
        // 10 customers change tier now: their current version closes, a new one opens
        warehouse.execute("update sales_snapshots.customers_scd2 set dbt_valid_to = (select max(placed_at)"
                + " from sales_silver.sale_lines), is_current = false where customer_id in (select 'c' || (i * 7 + 1)"
                + " from range(10) t(i)) and is_current");
        warehouse.execute("insert into sales_snapshots.customers_scd2 select md5('c' || (i * 7 + 1) || '-9'),"
                + " 'c' || (i * 7 + 1), 9, 'LOYALTY_TIER_CHANGED', 'Customer', 'x@example.com', 'DE', 'City', 'GOLD',"
                + " (select max(placed_at) from sales_silver.sale_lines), null,"
                + " (select max(placed_at) from sales_silver.sale_lines), true from range(10) t(i)");
        return newLines
                + warehouse
                        .query("select count(*) from bench_late", r -> r.getLong(1))
                        .get(0);
    }
}
